-- agentic-deals core schema: the spec's 9 enum types (plus goal, goal-deal and source statuses), its 20 tables
-- with their constraints and named indexes, the updated_at triggers, the idempotency-key table of the token
-- ledger and the monthly partitions of token_transactions.
--
-- Objects are created unqualified: Flyway runs this with search_path set to the configured schema
-- (default "deals"). Function bodies, which resolve names when they run, pin their search_path to it
-- through Flyway's ${flyway:defaultSchema} placeholder.
-- Deviations from the spec are recorded in docs/decisions.md.

-- ---------------------------------------------------------------------------------------------------------
-- Enum types
-- ---------------------------------------------------------------------------------------------------------

CREATE TYPE user_role AS ENUM ('user', 'admin', 'moderator');
CREATE TYPE deal_status AS ENUM ('active', 'expired', 'removed');
CREATE TYPE market_status AS ENUM ('active', 'inactive', 'deprecated');
CREATE TYPE source_type AS ENUM ('api', 'scraper', 'affiliate', 'user_submitted');
CREATE TYPE token_transaction_type AS ENUM (
    'purchase',
    'ai_usage',
    'signup_bonus',
    'referral_bonus',
    'admin_adjustment',
    'redemption_code',
    'refund',
    'expiration'
);
CREATE TYPE share_type AS ENUM ('email', 'link', 'social');
CREATE TYPE interaction_type AS ENUM ('view', 'save', 'share', 'click', 'purchase');
CREATE TYPE analysis_status AS ENUM ('pending', 'processing', 'completed', 'failed');
CREATE TYPE notification_type AS ENUM (
    'deal_alert',
    'price_drop',
    'goal_update',
    'token_update',
    'system_message'
);

-- Statuses the spec leaves as free text.
CREATE TYPE source_status AS ENUM ('active', 'inactive', 'deprecated');
CREATE TYPE goal_status AS ENUM ('active', 'paused', 'completed', 'cancelled', 'expired');
CREATE TYPE goal_deal_status AS ENUM ('active', 'inactive');

-- ---------------------------------------------------------------------------------------------------------
-- updated_at: kept current by a trigger on every table that has the column
-- ---------------------------------------------------------------------------------------------------------

-- Only a real change moves updated_at, so a no-op UPDATE (an idempotent upsert) leaves it alone, and a
-- caller cannot back-date it.
CREATE FUNCTION touch_updated_at() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    IF NEW IS DISTINCT FROM OLD THEN
        NEW.updated_at := now();
    ELSE
        NEW.updated_at := OLD.updated_at;
    END IF;
    RETURN NEW;
END
$$;

-- ---------------------------------------------------------------------------------------------------------
-- Users
-- ---------------------------------------------------------------------------------------------------------

CREATE TABLE users (
    id                 UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    email              VARCHAR(255) NOT NULL,
    hashed_password    VARCHAR(255) NOT NULL,
    name               VARCHAR(255),
    is_active          BOOLEAN      NOT NULL DEFAULT TRUE,
    is_verified        BOOLEAN      NOT NULL DEFAULT FALSE,
    verification_token VARCHAR(255),
    role               user_role    NOT NULL DEFAULT 'user',
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW()
);

-- The spec's UNIQUE (email) and idx_users_email in one index, unique regardless of case.
CREATE UNIQUE INDEX idx_users_email ON users (lower(email));
CREATE INDEX idx_users_role ON users (role);

CREATE TRIGGER trg_users_updated_at BEFORE UPDATE ON users
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

CREATE TABLE user_preferences (
    user_id                 UUID PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    notification_email      BOOLEAN NOT NULL DEFAULT TRUE,
    notification_push       BOOLEAN NOT NULL DEFAULT TRUE,
    theme                   VARCHAR(50) DEFAULT 'light',
    deal_categories         JSONB,
    preferred_markets       JSONB,
    min_discount_percentage INTEGER,
    max_price               NUMERIC(10, 2),
    created_at              TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    updated_at              TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    CONSTRAINT valid_min_discount CHECK (min_discount_percentage >= 0 AND min_discount_percentage <= 100),
    CONSTRAINT non_negative_max_price CHECK (max_price >= 0),
    CONSTRAINT deal_categories_is_array CHECK (jsonb_typeof(deal_categories) = 'array'),
    CONSTRAINT preferred_markets_is_array CHECK (jsonb_typeof(preferred_markets) = 'array')
);

CREATE TRIGGER trg_user_preferences_updated_at BEFORE UPDATE ON user_preferences
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

-- ---------------------------------------------------------------------------------------------------------
-- Catalog: markets, categories, sources, deals (referenced tables first)
-- ---------------------------------------------------------------------------------------------------------

CREATE TABLE markets (
    id         UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    name       VARCHAR(100)  NOT NULL UNIQUE,
    url        TEXT,
    logo_url   TEXT,
    status     market_status NOT NULL DEFAULT 'active',
    created_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW()
);

CREATE INDEX idx_markets_status ON markets (status);

CREATE TRIGGER trg_markets_updated_at BEFORE UPDATE ON markets
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

CREATE TABLE categories (
    id         UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    name       VARCHAR(100) NOT NULL,
    parent_id  UUID REFERENCES categories (id),
    created_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    CONSTRAINT unique_name_per_parent UNIQUE (name, parent_id),
    CONSTRAINT not_own_parent CHECK (parent_id <> id)
);

CREATE INDEX idx_categories_parent ON categories (parent_id);
-- UNIQUE (name, parent_id) lets any number of roots share a name (NULLs are distinct, and NULLS NOT
-- DISTINCT needs PostgreSQL 15); this closes the gap on 14 too.
CREATE UNIQUE INDEX uq_categories_root_name ON categories (name) WHERE parent_id IS NULL;

CREATE TRIGGER trg_categories_updated_at BEFORE UPDATE ON categories
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

CREATE TABLE sources (
    id                UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    name              VARCHAR(100)  NOT NULL UNIQUE,
    type              source_type   NOT NULL,
    configuration     JSONB,
    status            source_status NOT NULL DEFAULT 'active',
    reliability_score NUMERIC(3, 2) NOT NULL DEFAULT 1.0,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    CONSTRAINT valid_reliability_score CHECK (reliability_score >= 0 AND reliability_score <= 1)
);

CREATE INDEX idx_sources_type ON sources (type);
CREATE INDEX idx_sources_status ON sources (status);

CREATE TRIGGER trg_sources_updated_at BEFORE UPDATE ON sources
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

CREATE TABLE deals (
    id                  UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    title               VARCHAR(255)   NOT NULL,
    description         TEXT,
    original_price      NUMERIC(10, 2) NOT NULL,
    current_price       NUMERIC(10, 2) NOT NULL,
    discount_percentage NUMERIC(5, 2)  NOT NULL,
    url                 TEXT           NOT NULL,
    image_url           TEXT,
    market_id           UUID           NOT NULL REFERENCES markets (id),
    category_id         UUID REFERENCES categories (id),
    source_id           UUID           NOT NULL REFERENCES sources (id),
    expires_at          TIMESTAMP WITH TIME ZONE,
    status              deal_status    NOT NULL DEFAULT 'active',
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    ai_analysis         JSONB,
    metadata            JSONB,
    CONSTRAINT positive_prices CHECK (original_price > 0 AND current_price > 0),
    CONSTRAINT valid_discount CHECK (discount_percentage >= 0 AND discount_percentage <= 100)
);

CREATE INDEX idx_deals_market ON deals (market_id);
CREATE INDEX idx_deals_category ON deals (category_id);
CREATE INDEX idx_deals_source ON deals (source_id);
CREATE INDEX idx_deals_status ON deals (status);
CREATE INDEX idx_deals_created_at ON deals (created_at);
CREATE INDEX idx_deals_expires_at ON deals (expires_at);
CREATE INDEX idx_deals_discount_percentage ON deals (discount_percentage);
CREATE INDEX idx_deals_current_price ON deals (current_price);

CREATE TRIGGER trg_deals_updated_at BEFORE UPDATE ON deals
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

CREATE TABLE saved_deals (
    user_id  UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    deal_id  UUID NOT NULL REFERENCES deals (id) ON DELETE CASCADE,
    saved_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    notes    TEXT,
    PRIMARY KEY (user_id, deal_id)
);

CREATE INDEX idx_saved_deals_user ON saved_deals (user_id);
CREATE INDEX idx_saved_deals_deal ON saved_deals (deal_id);
CREATE INDEX idx_saved_deals_saved_at ON saved_deals (saved_at);

-- ---------------------------------------------------------------------------------------------------------
-- Goals
-- ---------------------------------------------------------------------------------------------------------

CREATE TABLE user_goals (
    id               UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id          UUID         NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title            VARCHAR(255) NOT NULL,
    description      TEXT,
    parameters       JSONB        NOT NULL,
    status           goal_status  NOT NULL DEFAULT 'active',
    progress_metrics JSONB,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    target_date      TIMESTAMP WITH TIME ZONE,
    completion_date  TIMESTAMP WITH TIME ZONE,
    priority         INTEGER      NOT NULL DEFAULT 5,
    CONSTRAINT parameters_is_object CHECK (jsonb_typeof(parameters) = 'object'),
    CONSTRAINT valid_priority CHECK (priority >= 1 AND priority <= 10)
);

CREATE INDEX idx_user_goals_user ON user_goals (user_id);
CREATE INDEX idx_user_goals_status ON user_goals (status);
CREATE INDEX idx_user_goals_priority ON user_goals (priority);

CREATE TRIGGER trg_user_goals_updated_at BEFORE UPDATE ON user_goals
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

CREATE TABLE goal_deals (
    goal_id         UUID             NOT NULL REFERENCES user_goals (id) ON DELETE CASCADE,
    deal_id         UUID             NOT NULL REFERENCES deals (id) ON DELETE CASCADE,
    relevance_score NUMERIC(5, 2)    NOT NULL,
    matched_at      TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    status          goal_deal_status NOT NULL DEFAULT 'active',
    PRIMARY KEY (goal_id, deal_id),
    CONSTRAINT valid_relevance_score CHECK (relevance_score >= 0 AND relevance_score <= 100)
);

CREATE INDEX idx_goal_deals_goal ON goal_deals (goal_id);
CREATE INDEX idx_goal_deals_deal ON goal_deals (deal_id);
CREATE INDEX idx_goal_deals_relevance ON goal_deals (relevance_score);

-- ---------------------------------------------------------------------------------------------------------
-- Token system
-- ---------------------------------------------------------------------------------------------------------

CREATE TABLE user_token_balances (
    id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id         UUID    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    balance         INTEGER NOT NULL DEFAULT 0,
    lifetime_earned INTEGER NOT NULL DEFAULT 0,
    lifetime_spent  INTEGER NOT NULL DEFAULT 0,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    CONSTRAINT positive_balance CHECK (balance >= 0),
    CONSTRAINT non_negative_lifetime_totals CHECK (lifetime_earned >= 0 AND lifetime_spent >= 0)
);

CREATE UNIQUE INDEX idx_token_balances_user ON user_token_balances (user_id);

CREATE TRIGGER trg_user_token_balances_updated_at BEFORE UPDATE ON user_token_balances
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

-- Range-partitioned by month of created_at (UTC months), so the primary key must include created_at. Rows
-- of a month without a partition land in token_transactions_default; ensure_token_transaction_partitions()
-- creates the coming months' partitions and moves such rows out of DEFAULT.
CREATE TABLE token_transactions (
    id               UUID                   NOT NULL DEFAULT gen_random_uuid(),
    user_id          UUID                   NOT NULL REFERENCES users (id),
    transaction_type token_transaction_type NOT NULL,
    amount           INTEGER                NOT NULL,
    balance_after    INTEGER                NOT NULL,
    description      TEXT,
    metadata         JSONB,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    reference_id     UUID,
    CONSTRAINT token_transactions_pkey PRIMARY KEY (id, created_at),
    CONSTRAINT valid_amount CHECK (amount != 0),
    CONSTRAINT non_negative_balance_after CHECK (balance_after >= 0)
) PARTITION BY RANGE (created_at);

CREATE TABLE token_transactions_default PARTITION OF token_transactions DEFAULT;

CREATE INDEX idx_token_transactions_user ON token_transactions (user_id);
CREATE INDEX idx_token_transactions_type ON token_transactions (transaction_type);
CREATE INDEX idx_token_transactions_created_at ON token_transactions (created_at);
CREATE INDEX idx_token_transactions_reference ON token_transactions (reference_id);

-- Idempotency of the ledger. A unique index on a partitioned table must contain the partition key, so
-- token_transactions cannot hold a global UNIQUE (idempotency key): the same key in two months would pass.
-- This unpartitioned table is that global unique index; the ledger inserts the key in the same transaction
-- as the token_transactions row it points to. No foreign key: rows move between partitions (out of DEFAULT)
-- and a key must keep pointing at its row through the move.
CREATE TABLE token_transaction_keys (
    idempotency_key        VARCHAR(255) PRIMARY KEY,
    user_id                UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    transaction_id         UUID NOT NULL,
    transaction_created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at             TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW()
);

CREATE INDEX idx_token_transaction_keys_user ON token_transaction_keys (user_id);
CREATE INDEX idx_token_transaction_keys_transaction ON token_transaction_keys (transaction_id);

CREATE TABLE token_packages (
    id                  UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    name                VARCHAR(100)   NOT NULL,
    token_amount        INTEGER        NOT NULL,
    price_usd           NUMERIC(10, 2) NOT NULL,
    is_active           BOOLEAN        NOT NULL DEFAULT TRUE,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    description         TEXT,
    discount_percentage INTEGER DEFAULT 0,
    CONSTRAINT positive_token_amount CHECK (token_amount > 0),
    CONSTRAINT positive_price CHECK (price_usd > 0),
    CONSTRAINT valid_discount CHECK (discount_percentage >= 0 AND discount_percentage <= 100)
);

CREATE INDEX idx_token_packages_active ON token_packages (is_active);

CREATE TRIGGER trg_token_packages_updated_at BEFORE UPDATE ON token_packages
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

CREATE TABLE token_redemption_codes (
    id                UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    code              VARCHAR(50) UNIQUE NOT NULL,
    token_amount      INTEGER NOT NULL,
    max_redemptions   INTEGER NOT NULL DEFAULT 1,
    redemptions_count INTEGER NOT NULL DEFAULT 0,
    expires_at        TIMESTAMP WITH TIME ZONE,
    is_active         BOOLEAN NOT NULL DEFAULT TRUE,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    created_by        UUID REFERENCES users (id),
    CONSTRAINT positive_token_amount CHECK (token_amount > 0),
    CONSTRAINT valid_max_redemptions CHECK (max_redemptions > 0),
    -- The database's own guarantee that a code is never redeemed more often than allowed.
    CONSTRAINT redemptions_within_limit CHECK (redemptions_count >= 0 AND redemptions_count <= max_redemptions)
);

CREATE INDEX idx_redemption_codes_active ON token_redemption_codes (is_active);
CREATE INDEX idx_redemption_codes_expires ON token_redemption_codes (expires_at);

-- ---------------------------------------------------------------------------------------------------------
-- Social and sharing
-- ---------------------------------------------------------------------------------------------------------

CREATE TABLE shared_deals (
    id             UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id        UUID       NOT NULL REFERENCES users (id),
    deal_id        UUID       NOT NULL REFERENCES deals (id),
    share_type     share_type NOT NULL,
    recipients     JSONB,
    message        TEXT,
    public_link_id VARCHAR(100),
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    expires_at     TIMESTAMP WITH TIME ZONE,
    is_active      BOOLEAN    NOT NULL DEFAULT TRUE,
    click_count    INTEGER    NOT NULL DEFAULT 0,
    CONSTRAINT recipients_is_array CHECK (jsonb_typeof(recipients) = 'array'),
    CONSTRAINT non_negative_click_count CHECK (click_count >= 0)
);

CREATE INDEX idx_shared_deals_user ON shared_deals (user_id);
CREATE INDEX idx_shared_deals_deal ON shared_deals (deal_id);
-- The spec's UNIQUE (public_link_id) and idx_shared_deals_public_link in one index.
CREATE UNIQUE INDEX idx_shared_deals_public_link ON shared_deals (public_link_id);
CREATE INDEX idx_shared_deals_created_at ON shared_deals (created_at);

CREATE TABLE social_interactions (
    id               UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id          UUID             NOT NULL REFERENCES users (id),
    deal_id          UUID             NOT NULL REFERENCES deals (id),
    interaction_type interaction_type NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    metadata         JSONB
);

CREATE INDEX idx_social_interactions_user ON social_interactions (user_id);
CREATE INDEX idx_social_interactions_deal ON social_interactions (deal_id);
CREATE INDEX idx_social_interactions_type ON social_interactions (interaction_type);
CREATE INDEX idx_social_interactions_created_at ON social_interactions (created_at);

-- ---------------------------------------------------------------------------------------------------------
-- AI components
-- ---------------------------------------------------------------------------------------------------------

CREATE TABLE ai_models (
    id                UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    name              VARCHAR(100)   NOT NULL UNIQUE,
    provider          VARCHAR(100)   NOT NULL,
    version           VARCHAR(100)   NOT NULL,
    is_active         BOOLEAN        NOT NULL DEFAULT TRUE,
    is_fallback       BOOLEAN        NOT NULL DEFAULT FALSE,
    token_cost_per_1k NUMERIC(10, 6) NOT NULL,
    max_tokens        INTEGER        NOT NULL,
    capabilities      JSONB,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    CONSTRAINT non_negative_token_cost CHECK (token_cost_per_1k >= 0),
    CONSTRAINT positive_max_tokens CHECK (max_tokens > 0)
);

CREATE INDEX idx_ai_models_active ON ai_models (is_active);
CREATE INDEX idx_ai_models_provider ON ai_models (provider);

CREATE TRIGGER trg_ai_models_updated_at BEFORE UPDATE ON ai_models
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

-- Versioned by name: the spec's UNIQUE (name) would allow one version per name, so (name, version) is
-- unique instead, and at most one version per usage type is active.
CREATE TABLE ai_prompt_templates (
    id            UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    name          VARCHAR(100) NOT NULL,
    template_text TEXT         NOT NULL,
    description   TEXT,
    version       VARCHAR(50)  NOT NULL,
    is_active     BOOLEAN      NOT NULL DEFAULT TRUE,
    usage_type    VARCHAR(100) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    CONSTRAINT unique_template_version UNIQUE (name, version)
);

CREATE INDEX idx_prompt_templates_active ON ai_prompt_templates (is_active);
CREATE INDEX idx_prompt_templates_usage_type ON ai_prompt_templates (usage_type);
CREATE UNIQUE INDEX uq_prompt_templates_active_usage ON ai_prompt_templates (usage_type) WHERE is_active;

CREATE TRIGGER trg_ai_prompt_templates_updated_at BEFORE UPDATE ON ai_prompt_templates
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

CREATE TABLE ai_analysis_requests (
    id             UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id        UUID            NOT NULL REFERENCES users (id),
    deal_id        UUID REFERENCES deals (id),
    url            TEXT,
    product_name   TEXT,
    status         analysis_status NOT NULL DEFAULT 'pending',
    requested_at   TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    completed_at   TIMESTAMP WITH TIME ZONE,
    tokens_charged INTEGER,
    model_used     VARCHAR(100),
    result         JSONB,
    error_message  TEXT,
    CONSTRAINT has_subject CHECK (deal_id IS NOT NULL OR url IS NOT NULL OR product_name IS NOT NULL),
    CONSTRAINT non_negative_tokens_charged CHECK (tokens_charged >= 0)
);

CREATE INDEX idx_ai_requests_user ON ai_analysis_requests (user_id);
CREATE INDEX idx_ai_requests_deal ON ai_analysis_requests (deal_id);
CREATE INDEX idx_ai_requests_status ON ai_analysis_requests (status);
CREATE INDEX idx_ai_requests_requested_at ON ai_analysis_requests (requested_at);

-- ---------------------------------------------------------------------------------------------------------
-- Notifications
-- ---------------------------------------------------------------------------------------------------------

CREATE TABLE notifications (
    id         UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id    UUID              NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    type       notification_type NOT NULL,
    title      VARCHAR(255)      NOT NULL,
    content    TEXT              NOT NULL,
    is_read    BOOLEAN           NOT NULL DEFAULT FALSE,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    read_at    TIMESTAMP WITH TIME ZONE,
    metadata   JSONB,
    action_url TEXT
);

CREATE INDEX idx_notifications_user ON notifications (user_id);
CREATE INDEX idx_notifications_created_at ON notifications (created_at);
CREATE INDEX idx_notifications_is_read ON notifications (is_read);
CREATE INDEX idx_notifications_type ON notifications (type);

CREATE TABLE notification_settings (
    user_id            UUID PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    email_deal_alerts  BOOLEAN NOT NULL DEFAULT TRUE,
    email_price_drops  BOOLEAN NOT NULL DEFAULT TRUE,
    email_goal_updates BOOLEAN NOT NULL DEFAULT TRUE,
    push_deal_alerts   BOOLEAN NOT NULL DEFAULT TRUE,
    push_price_drops   BOOLEAN NOT NULL DEFAULT TRUE,
    push_goal_updates  BOOLEAN NOT NULL DEFAULT TRUE,
    quiet_hours_start  TIME,
    quiet_hours_end    TIME,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW()
);

CREATE TRIGGER trg_notification_settings_updated_at BEFORE UPDATE ON notification_settings
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

-- ---------------------------------------------------------------------------------------------------------
-- Monthly partitions of token_transactions
-- ---------------------------------------------------------------------------------------------------------

-- Makes sure token_transactions has a partition for each of `months` UTC months starting with the month of
-- `first_month`, and returns the names of the partitions it created (none when all exist: idempotent).
-- Meant for a scheduled job (monthly or more often) as well as this migration.
--
-- Each partition is built as a plain table, filled with any rows of its month that had landed in DEFAULT,
-- and then attached, which takes SHARE UPDATE EXCLUSIVE on token_transactions (writers keep writing)
-- instead of the ACCESS EXCLUSIVE of CREATE TABLE ... PARTITION OF. The CHECK constraint matching the
-- bounds lets ATTACH skip its validation scan.
CREATE FUNCTION ensure_token_transaction_partitions(first_month DATE DEFAULT CURRENT_DATE, months INTEGER DEFAULT 2)
    RETURNS SETOF TEXT
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = ${flyway:defaultSchema}, pg_temp
    SET lock_timeout = '5s'
AS $$
DECLARE
    month_start DATE := date_trunc('month', first_month)::DATE;
    lower_bound TIMESTAMPTZ;
    upper_bound TIMESTAMPTZ;
    partition_name TEXT;
BEGIN
    IF months IS NULL OR months < 1 OR months > 120 THEN
        RAISE EXCEPTION 'months must be between 1 and 120, was %', months USING ERRCODE = '22023';
    END IF;
    -- One maintainer at a time; concurrent calls wait instead of racing to create the same table.
    PERFORM pg_advisory_xact_lock(hashtext('agentic-deals:token_transactions:partitions'));

    FOR step IN 0 .. months - 1 LOOP
        lower_bound := make_timestamptz(extract(YEAR FROM month_start)::INT, extract(MONTH FROM month_start)::INT, 1, 0, 0, 0, 'UTC');
        upper_bound := lower_bound + INTERVAL '1 month';
        partition_name := format('token_transactions_y%sm%s', to_char(month_start, 'YYYY'), to_char(month_start, 'MM'));
        month_start := (month_start + INTERVAL '1 month')::DATE;

        CONTINUE WHEN to_regclass(partition_name) IS NOT NULL;

        EXECUTE format('CREATE TABLE %I (LIKE token_transactions INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', partition_name);
        EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I CHECK (created_at >= %L AND created_at < %L)',
                       partition_name, partition_name || '_bounds', lower_bound, upper_bound);
        EXECUTE format('WITH moved AS (DELETE FROM token_transactions_default WHERE created_at >= %L AND created_at < %L RETURNING *) '
                       'INSERT INTO %I SELECT * FROM moved', lower_bound, upper_bound, partition_name);
        EXECUTE format('ALTER TABLE token_transactions ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)',
                       partition_name, lower_bound, upper_bound);
        EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I', partition_name, partition_name || '_bounds');
        RETURN NEXT partition_name;
    END LOOP;
END
$$;

REVOKE ALL ON FUNCTION ensure_token_transaction_partitions(DATE, INTEGER) FROM PUBLIC;

-- The current month and the next.
DO $$
BEGIN
    PERFORM ensure_token_transaction_partitions(CURRENT_DATE, 2);
END
$$;
