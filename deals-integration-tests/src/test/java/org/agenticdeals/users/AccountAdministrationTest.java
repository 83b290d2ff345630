package org.agenticdeals.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.agenticdeals.AuthenticationException;
import org.agenticdeals.Deals;
import org.agenticdeals.Page;
import org.agenticdeals.PageRequest;
import org.agenticdeals.PermissionDeniedException;
import org.agenticdeals.ValidationException;
import org.agenticdeals.support.RowCounts;
import org.agenticdeals.testkit.DealsDatabaseExtension;
import org.agenticdeals.testkit.Seed;
import org.agenticdeals.testkit.SeedData;
import org.agenticdeals.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AccountAdministrationTest {

    @RegisterExtension
    static final DealsDatabaseExtension database = DealsDatabaseExtension.seeded(Seed.demo());

    @Test
    void usersDeactivateThemselvesAndOnlyAnAdminReactivatesThem(Deals deals, SeedData seed) {
        UUID frank = seed.user("frank@example.com").id();

        assertThat(deals.users().deactivate(frank, frank).active()).isFalse();
        assertThatThrownBy(() -> deals.users().authenticate("frank@example.com", SeedData.PASSWORD)).isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> deals.users().reactivate(frank, frank)).isInstanceOf(PermissionDeniedException.class);

        assertThat(deals.users().reactivate(seed.admin().id(), frank).active()).isTrue();
        assertThat(deals.users().authenticate("frank@example.com", SeedData.PASSWORD).id()).isEqualTo(frank);
    }

    @Test
    void aUserCannotDeactivateSomeoneElseAndNothingIsWritten(Deals deals, SeedData seed, TestDatabase test) {
        Map<String, Long> before = RowCounts.of(test);

        assertThatThrownBy(() -> deals.users().deactivate(seed.user("grace@example.com").id(), seed.user("heidi@example.com").id()))
                .isInstanceOf(PermissionDeniedException.class);
        assertThat(RowCounts.of(test)).isEqualTo(before);
        assertThat(deals.users().findById(seed.user("heidi@example.com").id()).orElseThrow().active()).isTrue();
    }

    @Test
    void onlyAnAdminChangesRolesTheChangeIsAuditedWithTheAdminAsActor(Deals deals, SeedData seed, TestDatabase test) {
        UUID admin = seed.admin().id();
        UUID grace = seed.user("grace@example.com").id();

        assertThatThrownBy(() -> deals.users().changeRole(seed.user("heidi@example.com").id(), grace, Role.ADMIN))
                .isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> deals.users().changeRole(seed.user("ivan@example.com").id(), grace, Role.ADMIN))
                .as("an inactive user is not an admin").isInstanceOf(PermissionDeniedException.class);
        assertThat(deals.users().changeRole(admin, grace, Role.MODERATOR).role()).isEqualTo(Role.MODERATOR);

        var audit = test.ownerDsl().fetchOne("SELECT actor_id, action, old_values ->> 'role', new_values ->> 'role' FROM deals.audit_log"
                + " WHERE row_id = ?", grace.toString());
        assertThat(audit.get(0, UUID.class)).isEqualTo(admin);
        assertThat(audit.get(1, String.class)).isEqualTo("user.role_changed");
        assertThat(audit.get(2, String.class)).isEqualTo("user");
        assertThat(audit.get(3, String.class)).isEqualTo("moderator");
    }

    @Test
    void anAdminCannotChangeTheirOwnRole(Deals deals, SeedData seed) {
        assertThatThrownBy(() -> deals.users().changeRole(seed.admin().id(), seed.admin().id(), Role.USER))
                .isInstanceOfSatisfying(ValidationException.class, refused -> assertThat(refused.field()).isEqualTo("userId"));
    }

    @Test
    void theAdminListingPagesThroughEveryUserWithoutDuplicatesOrGaps(Deals deals, SeedData seed) {
        var seen = new ArrayList<UUID>();
        PageRequest request = PageRequest.first(5);
        while (true) {
            Page<User> page = deals.users().list(seed.admin().id(), UserFilter.all(), request);
            page.items().forEach(user -> seen.add(user.id()));
            if (!page.hasMore()) {
                break;
            }
            // A registration between pages must not disturb the walk.
            if (seen.size() == 5) {
                deals.users().register(new Registration("between.pages@example.com", "quartz-meadow-anchor", null));
            }
            request = PageRequest.after(page.nextCursor().orElseThrow(), 5);
        }

        assertThat(seen).doesNotHaveDuplicates().hasSize(seed.users().size());
        assertThat(seen).containsExactlyInAnyOrderElementsOf(seed.users().stream().map(SeedData.User::id).toList());
    }

    @Test
    void theAdminListingFilters(Deals deals, SeedData seed) {
        UUID admin = seed.admin().id();

        assertThat(list(deals, admin, UserFilter.all().withRole(Role.ADMIN))).containsExactly("admin@example.com");
        assertThat(list(deals, admin, UserFilter.all().withActive(false))).containsExactly("ivan@example.com");
        assertThat(list(deals, admin, UserFilter.all().withVerified(false))).containsExactly("judy@example.com");
        assertThat(list(deals, admin, UserFilter.all().withRole(Role.USER).withActive(true).withVerified(true))).hasSize(8);
        assertThatThrownBy(() -> deals.users().list(seed.user("alice@example.com").id(), UserFilter.all(), PageRequest.first(5)))
                .isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> deals.users().list(admin, UserFilter.all(), PageRequest.after("forged-cursor", 5)))
                .isInstanceOfSatisfying(ValidationException.class, refused -> assertThat(refused.field()).isEqualTo("page.cursor"));
        assertThatThrownBy(() -> PageRequest.first(1000))
                .isInstanceOfSatisfying(ValidationException.class, refused -> assertThat(refused.field()).isEqualTo("page.size"));
    }

    @Test
    void lookUpsByIdAndByAddress(Deals deals, SeedData seed) {
        assertThat(deals.users().findByEmail("BOB@example.com")).map(User::id).contains(seed.user("bob@example.com").id());
        assertThat(deals.users().findById(seed.user("bob@example.com").id())).map(User::email).contains("bob@example.com");
        assertThat(deals.users().findById(UUID.randomUUID())).isEmpty();
        assertThat(deals.users().findByEmail("nobody@example.com")).isEmpty();
    }

    private static List<String> list(Deals deals, UUID admin, UserFilter filter) {
        return deals.users().list(admin, filter, PageRequest.first(100)).items().stream().map(User::email).toList();
    }
}
