package org.agenticdeals.users;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.agenticdeals.AuthenticationException;
import org.agenticdeals.ErrorCode;
import org.agenticdeals.NotFoundException;
import org.agenticdeals.Page;
import org.agenticdeals.PageRequest;
import org.agenticdeals.PermissionDeniedException;
import org.agenticdeals.ValidationException;
import org.agenticdeals.VerificationException;
import org.agenticdeals.internal.Actors;
import org.agenticdeals.internal.Checks;
import org.agenticdeals.internal.Cursors;
import org.agenticdeals.internal.EmailAddresses;
import org.agenticdeals.internal.SecurityContext;
import org.agenticdeals.internal.ServiceContext;
import org.agenticdeals.jooq.enums.UserRole;
import org.agenticdeals.jooq.tables.records.UsersRecord;

/**
 * Users and authentication: registration, e-mail verification, log-in, password changes, deactivation, roles.
 * Obtain it from {@code Deals.users()}.
 *
 * <p>Each method is one transaction. Bcrypt work (hundreds of milliseconds at the default cost) happens
 * outside any transaction, so no connection is held while a password is hashed. Refusals are
 * {@link org.agenticdeals.DealsRefusal}s and write nothing.
 */
public final class Users {

    static final int MAX_NAME_LENGTH = 255;

    private final ServiceContext context;
    private final PasswordPolicy passwordPolicy;
    private final Secrets secrets;

    /**
     * For {@code Deals}; hosts call {@code deals.users()}.
     *
     * @param context the library's plumbing (not API)
     */
    public Users(ServiceContext context) {
        this.context = context;
        this.passwordPolicy = new PasswordPolicy(context.config().minPasswordLength());
        this.secrets = new Secrets(context.config().bcryptCost());
    }

    /**
     * Registers a user: creates the user, default preferences, default notification settings and an empty
     * token balance in one transaction, and returns a verification token (only its SHA-256 is stored; it
     * expires after {@code DealsConfig.verificationTokenTtl}).
     *
     * <p>Two registrations of one address (in any letter case) racing each other: exactly one succeeds, the
     * other gets a {@link org.agenticdeals.ConflictException} on {@code email}.
     *
     * @param registration the address, the password and the name
     * @return the user and the verification token to e-mail
     * @throws ValidationException                  naming {@code email}, {@code password} or {@code name}
     * @throws org.agenticdeals.ConflictException  if the address is registered already
     */
    public RegisteredUser register(Registration registration) {
        Checks.required("registration", registration);
        String email = EmailAddresses.normalize("email", registration.email());
        String name = Checks.optionalText("name", registration.name(), MAX_NAME_LENGTH);
        passwordPolicy.check("password", registration.password(), email);
        String passwordHash = secrets.hash(registration.password());
        String token = Secrets.newToken();
        UUID id = context.newId();
        UUID balanceId = context.newId();
        User user = context.transactions().run(SecurityContext.user(id), tx -> {
            OffsetDateTime now = context.now();
            UsersRecord created = UserQueries.insert(tx, id, email, passwordHash, name, Secrets.tokenHash(token),
                    now.plus(context.config().verificationTokenTtl()), now);
            UserQueries.insertDefaults(tx, id, balanceId, now);
            return toUser(created);
        });
        return new RegisteredUser(user, token);
    }

    /**
     * Marks the address of the token's user verified and spends the token.
     *
     * @param token the token the user received
     * @return the user, verified
     * @throws VerificationException {@code VERIFICATION_TOKEN_INVALID} (unknown, malformed or already used) or
     *                               {@code VERIFICATION_TOKEN_EXPIRED}
     */
    public User verifyEmail(String token) {
        if (!Secrets.wellFormedToken(token)) {
            throw new VerificationException(ErrorCode.VERIFICATION_TOKEN_INVALID);
        }
        String tokenHash = Secrets.tokenHash(token);
        return context.transactions().run(SecurityContext.anonymous(), tx -> {
            UsersRecord user = UserQueries.byVerificationTokenHashForUpdate(tx, tokenHash)
                    .orElseThrow(() -> new VerificationException(ErrorCode.VERIFICATION_TOKEN_INVALID));
            if (user.getVerificationTokenExpiresAt() == null || !user.getVerificationTokenExpiresAt().isAfter(context.now())) {
                throw new VerificationException(ErrorCode.VERIFICATION_TOKEN_EXPIRED);
            }
            return toUser(UserQueries.markVerified(tx, user.getId()));
        });
    }

    /**
     * Issues a new verification token for an unverified user; the previous one stops working.
     *
     * @param userId the unverified user
     * @return the new token, to e-mail
     * @throws NotFoundException     if there is no such user
     * @throws VerificationException {@code ALREADY_VERIFIED}
     */
    public String requestVerificationToken(UUID userId) {
        Checks.required("userId", userId);
        String token = Secrets.newToken();
        context.transactions().run(SecurityContext.user(userId), tx -> {
            UsersRecord user = UserQueries.byIdForUpdate(tx, userId).orElseThrow(() -> new NotFoundException("user", userId));
            if (user.getIsVerified()) {
                throw new VerificationException(ErrorCode.ALREADY_VERIFIED);
            }
            UserQueries.replaceVerificationToken(tx, userId, Secrets.tokenHash(token), context.now().plus(context.config().verificationTokenTtl()));
            return null;
        });
        return token;
    }

    /**
     * Checks an address and password. Takes the same time whether or not the address has an account (a dummy
     * hash is verified when it has none). A hash of another bcrypt cost than configured is replaced by one of
     * the configured cost.
     *
     * @param email the address, in any letter case
     * @param password the password
     * @return the user
     * @throws AuthenticationException {@code BAD_CREDENTIALS} for an unknown address or a wrong password (not
     *                                 told apart), {@code ACCOUNT_INACTIVE} for a deactivated account with the
     *                                 right password
     */
    public User authenticate(String email, String password) {
        String normalized;
        try {
            normalized = EmailAddresses.normalize("email", email);
        } catch (ValidationException malformed) {
            throw new AuthenticationException(ErrorCode.BAD_CREDENTIALS);
        }
        if (!PasswordPolicy.plausible(password)) {
            throw new AuthenticationException(ErrorCode.BAD_CREDENTIALS);
        }
        Optional<UsersRecord> found = context.transactions().run(SecurityContext.anonymous(), tx -> UserQueries.byEmail(tx, normalized));
        if (found.isEmpty()) {
            secrets.verifyAgainstDummy(password);
            throw new AuthenticationException(ErrorCode.BAD_CREDENTIALS);
        }
        UsersRecord user = found.get();
        if (!secrets.verify(password, user.getHashedPassword())) {
            throw new AuthenticationException(ErrorCode.BAD_CREDENTIALS);
        }
        if (!user.getIsActive()) {
            throw new AuthenticationException(ErrorCode.ACCOUNT_INACTIVE);
        }
        if (secrets.needsRehash(user.getHashedPassword())) {
            String rehashed = secrets.hash(password);
            context.transactions().run(SecurityContext.user(user.getId()),
                    tx -> UserQueries.replacePasswordHash(tx, user.getId(), user.getHashedPassword(), rehashed));
        }
        return toUser(user);
    }

    /**
     * Replaces the password after checking the current one.
     *
     * @param userId the user
     * @param currentPassword the password now
     * @param newPassword the password to set
     * @throws ValidationException     if the new password breaks the policy
     * @throws AuthenticationException {@code BAD_CREDENTIALS} if the current password is wrong (or was changed
     *                                 concurrently)
     * @throws NotFoundException       if there is no such user
     */
    public void changePassword(UUID userId, String currentPassword, String newPassword) {
        Checks.required("userId", userId);
        UsersRecord user = context.transactions().run(SecurityContext.user(userId),
                tx -> UserQueries.byId(tx, userId).orElseThrow(() -> new NotFoundException("user", userId)));
        passwordPolicy.check("newPassword", newPassword, user.getEmail());
        if (!PasswordPolicy.plausible(currentPassword) || !secrets.verify(currentPassword, user.getHashedPassword())) {
            throw new AuthenticationException(ErrorCode.BAD_CREDENTIALS);
        }
        if (currentPassword.equals(newPassword)) {
            throw new ValidationException("newPassword", "must differ from the current password");
        }
        String newHash = secrets.hash(newPassword);
        boolean replaced = context.transactions().run(SecurityContext.user(userId),
                tx -> UserQueries.replacePasswordHash(tx, userId, user.getHashedPassword(), newHash));
        if (!replaced) {
            throw new AuthenticationException(ErrorCode.BAD_CREDENTIALS);
        }
    }

    /**
     * Deactivates a user (soft: nothing is deleted; log-in is refused from now on). Users may deactivate
     * themselves; deactivating someone else takes an admin. Recorded in the audit log with the actor.
     *
     * @param actorId the user themselves, or an admin
     * @param userId the user to deactivate
     * @return the user, inactive
     * @throws PermissionDeniedException if {@code actorId} is neither the user nor an active admin
     * @throws NotFoundException         if there is no such user
     */
    public User deactivate(UUID actorId, UUID userId) {
        Checks.required("actorId", actorId);
        Checks.required("userId", userId);
        return context.transactions().run(SecurityContext.systemActingFor(actorId), tx -> {
            if (!actorId.equals(userId)) {
                requireAdmin(tx, actorId, "deactivate other users");
            }
            UserQueries.byIdForUpdate(tx, userId).orElseThrow(() -> new NotFoundException("user", userId));
            return toUser(UserQueries.setActive(tx, userId, false));
        });
    }

    /**
     * Reactivates a deactivated user. Admins only; audited.
     *
     * @param adminId the acting admin
     * @param userId the user
     * @return the user, active
     * @throws PermissionDeniedException if {@code adminId} is not an active admin
     * @throws NotFoundException         if there is no such user
     */
    public User reactivate(UUID adminId, UUID userId) {
        Checks.required("adminId", adminId);
        Checks.required("userId", userId);
        return context.transactions().run(SecurityContext.systemActingFor(adminId), tx -> {
            requireAdmin(tx, adminId, "reactivate users");
            UserQueries.byIdForUpdate(tx, userId).orElseThrow(() -> new NotFoundException("user", userId));
            return toUser(UserQueries.setActive(tx, userId, true));
        });
    }

    /**
     * Gives a user another role. Admins only, and not their own (so the last admin cannot lock everyone out by
     * mistake); audited.
     *
     * @param adminId the acting admin
     * @param userId another user
     * @param role the new role
     * @return the user with the role
     * @throws PermissionDeniedException if {@code adminId} is not an active admin
     * @throws ValidationException       if an admin changes their own role
     * @throws NotFoundException         if there is no such user
     */
    public User changeRole(UUID adminId, UUID userId, Role role) {
        Checks.required("adminId", adminId);
        Checks.required("userId", userId);
        Checks.required("role", role);
        if (adminId.equals(userId)) {
            throw new ValidationException("userId", "must not be the acting admin: admins cannot change their own role");
        }
        return context.transactions().run(SecurityContext.systemActingFor(adminId), tx -> {
            requireAdmin(tx, adminId, "change roles");
            UserQueries.byIdForUpdate(tx, userId).orElseThrow(() -> new NotFoundException("user", userId));
            return toUser(UserQueries.setRole(tx, userId, UserRole.valueOf(role.name())));
        });
    }

    /**
     * The user with this id, if any.
     *
     * @param userId the id
     * @return the user, or empty
     */
    public Optional<User> findById(UUID userId) {
        Checks.required("userId", userId);
        return context.transactions().run(SecurityContext.anonymous(), tx -> UserQueries.byId(tx, userId).map(Users::toUser));
    }

    /**
     * The user with this address (in any letter case), if any.
     *
     * @param email the address
     * @return the user, or empty
     */
    public Optional<User> findByEmail(String email) {
        String normalized = EmailAddresses.normalize("email", email);
        return context.transactions().run(SecurityContext.anonymous(), tx -> UserQueries.byEmail(tx, normalized).map(Users::toUser));
    }

    /**
     * Lists users, newest first, filtered, one keyset page at a time (stable while users register). Admins only.
     *
     * @param adminId the acting admin
     * @param filter which users
     * @param page which page
     * @return one page of users
     * @throws PermissionDeniedException if {@code adminId} is not an active admin
     */
    public Page<User> list(UUID adminId, UserFilter filter, PageRequest page) {
        Checks.required("adminId", adminId);
        Checks.required("filter", filter);
        Checks.required("page", page);
        Cursors.Position after = page.cursor() == null ? null : Cursors.decode("page.cursor", page.cursor());
        return context.transactions().run(SecurityContext.systemActingFor(adminId), tx -> {
            requireAdmin(tx, adminId, "list users");
            List<UsersRecord> rows = UserQueries.page(tx, filter, after, page.size());
            List<User> users = rows.stream().limit(page.size()).map(Users::toUser).toList();
            String next = rows.size() > page.size()
                    ? Cursors.encode(users.get(users.size() - 1).createdAt(), users.get(users.size() - 1).id())
                    : null;
            return new Page<>(users, next);
        });
    }

    private static void requireAdmin(org.jooq.DSLContext tx, UUID actorId, String operation) {
        Actors.requireAdmin(tx, actorId, operation);
    }

    static User toUser(UsersRecord record) {
        return new User(record.getId(), record.getEmail(), record.getName(), Role.valueOf(record.getRole().name()),
                record.getIsActive(), record.getIsVerified(), record.getCreatedAt().toInstant(), record.getUpdatedAt().toInstant());
    }
}
