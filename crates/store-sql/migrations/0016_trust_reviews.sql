-- Trust reviews: the recertification a trustor requires of a trust (orgtrust's access review).
-- A review goes with its trust.
CREATE TABLE trust_reviews (
    trustor_org_id    TEXT NOT NULL,
    trustee_org_id    TEXT NOT NULL,
    interval_days     BIGINT NOT NULL CHECK (interval_days > 0),
    reviewer_user_id  TEXT NOT NULL,
    last_confirmed_at BIGINT NOT NULL,
    due_at            BIGINT NOT NULL,
    lapsed_at         BIGINT,
    PRIMARY KEY (trustor_org_id, trustee_org_id),
    FOREIGN KEY (trustor_org_id, trustee_org_id)
        REFERENCES trusts (trustor_org_id, trustee_org_id) ON DELETE CASCADE
);

CREATE INDEX trust_reviews_due ON trust_reviews (due_at) WHERE lapsed_at IS NULL;
