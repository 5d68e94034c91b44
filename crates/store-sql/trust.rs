//! Trusts, pairings, trust members and their grants, cloned users. Every write commits its
//! change and audit event together, notifying both organizations of the trust inside the
//! transaction (PostgreSQL's other instances) and bumping their generations after the commit.
//!
//! PostgreSQL runs writers concurrently where SQLite serialises them, so every read-then-write
//! invariant holds a row lock first: member writes lock their `trusts` row, a clone locks its
//! trustor's `organizations` row (the five-clone limit is per trustor), trust deletions lock their
//! trusts in key order. The lock clauses are `crate::dialect`'s, empty on SQLite (its one writer
//! serialises every write transaction), where the reads that only lock are skipped. Duplicates
//! rest on primary keys and unique indexes; PostgreSQL reports their violations with the names
//! SQLite gives them (see its `error.rs`).

use async_trait::async_trait;
use orgtrust_core::audit::{Actor, AuditEvent};
use orgtrust_core::ids::{GroupId, OrgId, PairingId, RoleId, UserId};
use orgtrust_core::model::{Grant, User};
use orgtrust_core::orgauth::{ClonedUser, MemberKind, NewTrust, Pairing, TrustMember, TrustView};
use orgtrust_core::permission::DivisionGrant;
use orgtrust_core::store::{StoreError, StoreResult, TrustStore};
use orgtrust_core::trust::Trust;
use sqlx::Row;

use crate::dialect::{DbConn, DbRow, BYTE_ORDER, FOR_KEY_SHARE, FOR_NO_KEY_UPDATE, FOR_UPDATE};
use crate::rows::insert_audits;
use crate::sql::rows::insert_audit;
use crate::sql::rows::{from_millis, json_list, millis, parse_list};
use crate::trust_rows::{actor_kind, trust_columns_t, trust_from_row, TRUST_COLUMNS};
use crate::trust_views::ListSide;
use crate::{map_err, Store};

const PAIRING_COLUMNS: &str = "id, trustee_org_id, created_by_kind, created_by_id, created_by_name,
    date_created, date_expires, user_ids, group_ids, used_by_org_id, date_used";

fn pairing_from_row(r: &DbRow) -> Pairing {
    Pairing {
        id: PairingId::new(r.get::<String, _>("id")),
        trustee_org_id: OrgId::new(r.get::<String, _>("trustee_org_id")),
        created_by: Actor {
            kind: actor_kind(r.get::<&str, _>("created_by_kind")),
            id: r.get("created_by_id"),
            name: r.get("created_by_name"),
        },
        date_created: from_millis(r.get("date_created")),
        date_expires: from_millis(r.get("date_expires")),
        user_ids: parse_list(r.get("user_ids"))
            .into_iter()
            .map(UserId::new)
            .collect(),
        group_ids: parse_list(r.get("group_ids"))
            .into_iter()
            .map(GroupId::new)
            .collect(),
        used_by: r.get::<Option<String>, _>("used_by_org_id").map(OrgId::new),
        date_used: r.get::<Option<i64>, _>("date_used").map(from_millis),
    }
}

const MEMBER_COLUMNS: &str = "m.trustor_org_id, m.trustee_org_id, m.member_kind, m.member_id,
    m.date_created, m.created_by_kind, m.created_by_id, m.created_by_name";

fn member_from_row(r: &DbRow) -> TrustMember {
    TrustMember {
        trustor_org_id: OrgId::new(r.get::<String, _>("trustor_org_id")),
        trustee_org_id: OrgId::new(r.get::<String, _>("trustee_org_id")),
        kind: MemberKind::parse(r.get("member_kind")),
        id: r.get("member_id"),
        date_created: from_millis(r.get("date_created")),
        created_by: Actor {
            kind: actor_kind(r.get::<&str, _>("created_by_kind")),
            id: r.get("created_by_id"),
            name: r.get("created_by_name"),
        },
        grants: vec![],
    }
}

/// Members whose user or group still exists (the organization member always does).
const LIVE_MEMBER_FROM: &str = "FROM trust_members m
    LEFT JOIN users u ON m.member_kind = 'user' AND u.id = m.member_id AND u.state <> 'deleted'
    LEFT JOIN user_groups g ON m.member_kind = 'group' AND g.id = m.member_id AND g.state <> 'deleted'
    WHERE m.trustor_org_id = $1 AND m.trustee_org_id = $2 AND m.member_kind = $3
      AND COALESCE(u.id, g.id) IS NOT NULL";

/// Fills in the grants of members of one trust.
async fn attach_grants(
    conn: &mut DbConn,
    trustor: &OrgId,
    trustee: &OrgId,
    members: &mut [TrustMember],
) -> StoreResult<()> {
    let rows = sqlx::query(&format!(
        "SELECT member_kind, member_id, role_id, division FROM trust_grants
         WHERE trustor_org_id = $1 AND trustee_org_id = $2 ORDER BY role_id{BYTE_ORDER}, division{BYTE_ORDER}"
    ))
    .bind(trustor.as_str())
    .bind(trustee.as_str())
    .fetch_all(&mut *conn)
    .await
    .map_err(map_err)?;
    for r in rows {
        let kind = MemberKind::parse(r.get("member_kind"));
        let id: &str = r.get("member_id");
        if let Some(m) = members.iter_mut().find(|m| m.kind == kind && m.id == id) {
            m.grants.push(Grant {
                role_id: RoleId::new(r.get::<String, _>("role_id")),
                division: DivisionGrant::from_key(r.get("division")),
            });
        }
    }
    Ok(())
}

async fn insert_member(conn: &mut DbConn, m: &TrustMember) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO trust_members (trustor_org_id, trustee_org_id, member_kind, member_id,
             date_created, created_by_kind, created_by_id, created_by_name)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(m.trustor_org_id.as_str())
    .bind(m.trustee_org_id.as_str())
    .bind(m.kind.as_str())
    .bind(&m.id)
    .bind(millis(m.date_created))
    .bind(m.created_by.kind)
    .bind(&m.created_by.id)
    .bind(&m.created_by.name)
    .execute(&mut *conn)
    .await
    .map_err(map_err)?;
    replace_grants(
        conn,
        &m.trustor_org_id,
        &m.trustee_org_id,
        m.kind,
        &m.id,
        &m.grants,
    )
    .await
}

async fn replace_grants(
    conn: &mut DbConn,
    trustor: &OrgId,
    trustee: &OrgId,
    kind: MemberKind,
    id: &str,
    grants: &[Grant],
) -> StoreResult<()> {
    sqlx::query(
        "DELETE FROM trust_grants WHERE trustor_org_id = $1 AND trustee_org_id = $2
           AND member_kind = $3 AND member_id = $4",
    )
    .bind(trustor.as_str())
    .bind(trustee.as_str())
    .bind(kind.as_str())
    .bind(id)
    .execute(&mut *conn)
    .await
    .map_err(map_err)?;
    for g in grants {
        sqlx::query(
            "INSERT INTO trust_grants (trustor_org_id, trustee_org_id, member_kind, member_id, role_id, division)
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
        )
        .bind(trustor.as_str())
        .bind(trustee.as_str())
        .bind(kind.as_str())
        .bind(id)
        .bind(g.role_id.as_str())
        .bind(g.division.as_key())
        .execute(&mut *conn)
        .await
        .map_err(map_err)?;
    }
    Ok(())
}

async fn member_exists(
    conn: &mut DbConn,
    trustor: &OrgId,
    trustee: &OrgId,
    kind: MemberKind,
    id: &str,
) -> StoreResult<bool> {
    let found: Option<i32> = sqlx::query_scalar(
        "SELECT 1 FROM trust_members WHERE trustor_org_id = $1 AND trustee_org_id = $2
           AND member_kind = $3 AND member_id = $4",
    )
    .bind(trustor.as_str())
    .bind(trustee.as_str())
    .bind(kind.as_str())
    .bind(id)
    .fetch_optional(&mut *conn)
    .await
    .map_err(map_err)?;
    Ok(found.is_some())
}

/// How a transaction holds a trust row it read.
#[derive(Debug, Clone, Copy)]
enum Hold {
    /// Not at all (a plain read).
    Read,
    /// Against deletion only (`FOR KEY SHARE`): other writers of its members go on.
    KeyShare,
    /// Against every other writer of the trust's members and against deletion (`FOR NO KEY
    /// UPDATE`, which still lets foreign-key checks of our own inserts through).
    Members,
    /// Against everything, for its deletion (`FOR UPDATE`).
    Delete,
}

impl Hold {
    fn clause(self) -> &'static str {
        match self {
            Hold::Read => "",
            Hold::KeyShare => FOR_KEY_SHARE,
            Hold::Members => FOR_NO_KEY_UPDATE,
            Hold::Delete => FOR_UPDATE,
        }
    }
}

/// Holds the trust's row as `hold` says until the transaction ends, where the engine has row
/// locks (on SQLite the hold is no clause and no statement is needed).
async fn hold_trust(
    conn: &mut DbConn,
    trustor: &OrgId,
    trustee: &OrgId,
    hold: Hold,
) -> StoreResult<()> {
    if !hold.clause().is_empty() {
        trust_exists(conn, trustor, trustee, hold).await?;
    }
    Ok(())
}

/// Whether the trust exists, holding its row as `hold` says until the transaction ends. A
/// concurrent writer holding it makes this wait; if that writer deleted it, it reads as absent.
async fn trust_exists(
    conn: &mut DbConn,
    trustor: &OrgId,
    trustee: &OrgId,
    hold: Hold,
) -> StoreResult<bool> {
    let found: Option<i32> = sqlx::query_scalar(&format!(
        "SELECT 1 FROM trusts WHERE trustor_org_id = $1 AND trustee_org_id = $2{}",
        hold.clause()
    ))
    .bind(trustor.as_str())
    .bind(trustee.as_str())
    .fetch_optional(&mut *conn)
    .await
    .map_err(map_err)?;
    Ok(found.is_some())
}

const CLONE_SELECT: &str =
    "SELECT c.clone_user_id, c.trustor_org_id, c.trustee_org_id, c.trustee_user_id,
    c.date_created, u.name FROM cloned_users c JOIN users u ON u.id = c.clone_user_id";

fn clone_from_row(r: &DbRow) -> ClonedUser {
    ClonedUser {
        clone_id: UserId::new(r.get::<String, _>("clone_user_id")),
        name: r.get("name"),
        trustor_org_id: OrgId::new(r.get::<String, _>("trustor_org_id")),
        trustee_org_id: OrgId::new(r.get::<String, _>("trustee_org_id")),
        trustee_user_id: UserId::new(r.get::<String, _>("trustee_user_id")),
        date_created: from_millis(r.get("date_created")),
    }
}

/// A refusal by a rule the store enforces inside its transaction (named like a constraint).
fn refused(name: &str) -> StoreError {
    StoreError::Constraint {
        constraint: name.to_owned(),
    }
}

#[async_trait]
impl TrustStore for Store {
    async fn trust(&self, trustor: &OrgId, trustee: &OrgId) -> StoreResult<Option<Trust>> {
        let row = sqlx::query(&format!(
            "SELECT {TRUST_COLUMNS} FROM trusts WHERE trustor_org_id = $1 AND trustee_org_id = $2"
        ))
        .bind(trustor.as_str())
        .bind(trustee.as_str())
        .fetch_optional(&self.reader)
        .await
        .map_err(map_err)?;
        Ok(row.as_ref().map(trust_from_row))
    }

    async fn trusts_of_trustor(
        &self,
        trustor: &OrgId,
        offset: i64,
        limit: i64,
    ) -> StoreResult<(Vec<Trust>, i64)> {
        self.trusts_page("trustor_org_id", "trustee_org_id", trustor, offset, limit)
            .await
    }

    async fn trusts_of_trustee(
        &self,
        trustee: &OrgId,
        offset: i64,
        limit: i64,
    ) -> StoreResult<(Vec<Trust>, i64)> {
        self.trusts_page("trustee_org_id", "trustor_org_id", trustee, offset, limit)
            .await
    }

    async fn trustee_views(
        &self,
        trustor: &OrgId,
        offset: i64,
        limit: i64,
    ) -> StoreResult<(Vec<TrustView>, i64)> {
        self.trust_views_page(ListSide::Trustor, trustor, offset, limit)
            .await
    }

    async fn trustor_views(
        &self,
        trustee: &OrgId,
        offset: i64,
        limit: i64,
    ) -> StoreResult<(Vec<TrustView>, i64)> {
        self.trust_views_page(ListSide::Trustee, trustee, offset, limit)
            .await
    }

    async fn insert_pairing(&self, pairing: &Pairing, audit: &AuditEvent) -> StoreResult<()> {
        let mut tx = self.writer.begin().await.map_err(map_err)?;
        sqlx::query(&format!(
            "INSERT INTO pairings ({PAIRING_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
        ))
        .bind(pairing.id.as_str())
        .bind(pairing.trustee_org_id.as_str())
        .bind(pairing.created_by.kind)
        .bind(&pairing.created_by.id)
        .bind(&pairing.created_by.name)
        .bind(millis(pairing.date_created))
        .bind(millis(pairing.date_expires))
        .bind(json_list(
            &pairing
                .user_ids
                .iter()
                .map(|u| u.to_string())
                .collect::<Vec<_>>(),
        ))
        .bind(json_list(
            &pairing
                .group_ids
                .iter()
                .map(|g| g.to_string())
                .collect::<Vec<_>>(),
        ))
        .bind(pairing.used_by.as_ref().map(|o| o.as_str()))
        .bind(pairing.date_used.map(millis))
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
        insert_audit(&mut tx, audit).await?;
        tx.commit().await.map_err(map_err)
    }

    async fn pairing(&self, id: &PairingId) -> StoreResult<Option<Pairing>> {
        let row = sqlx::query(&format!(
            "SELECT {PAIRING_COLUMNS} FROM pairings WHERE id = $1"
        ))
        .bind(id.as_str())
        .fetch_optional(&self.reader)
        .await
        .map_err(map_err)?;
        Ok(row.as_ref().map(pairing_from_row))
    }

    async fn create_trusts(&self, trusts: &[NewTrust], audits: &[AuditEvent]) -> StoreResult<()> {
        let mut tx = self.writer.begin().await.map_err(map_err)?;
        for new in trusts {
            let t = &new.trust;
            if let Some(pairing) = &t.pairing_id {
                let used = sqlx::query(
                    "UPDATE pairings SET used_by_org_id = $1, date_used = $2
                     WHERE id = $3 AND used_by_org_id IS NULL",
                )
                .bind(t.trustor_org_id.as_str())
                .bind(millis(t.date_created))
                .bind(pairing)
                .execute(&mut *tx)
                .await
                .map_err(map_err)?;
                if used.rows_affected() == 0 {
                    return Err(refused("pairings.used"));
                }
            }
            // A trust another writer is creating right now is not seen here: its insert below
            // then waits for that writer and fails on `trusts_pkey`, spelled `trusts.primary`.
            if trust_exists(&mut tx, &t.trustor_org_id, &t.trustee_org_id, Hold::Read).await? {
                return Err(refused("trusts.primary"));
            }
            sqlx::query(&format!(
                "INSERT INTO trusts ({TRUST_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"
            ))
            .bind(t.trustor_org_id.as_str())
            .bind(t.trustee_org_id.as_str())
            .bind(t.enabled)
            .bind(millis(t.date_created))
            .bind(t.date_expired.map(millis))
            .bind(t.created_by.kind)
            .bind(&t.created_by.id)
            .bind(&t.created_by.name)
            .bind(&t.pairing_id)
            .bind(t.uses_default_role)
            .bind(t.has_full_access)
            .bind(t.is_trusted_user)
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
            for m in &new.members {
                insert_member(&mut tx, m).await?;
            }
        }
        // One statement for all of them (count rows locked in key order).
        insert_audits(&mut tx, audits).await?;
        let orgs: Vec<&OrgId> = trusts
            .iter()
            .flat_map(|n| [&n.trust.trustor_org_id, &n.trust.trustee_org_id])
            .collect();
        Self::notify(&mut tx, &orgs).await?;
        tx.commit().await.map_err(map_err)?;
        self.bump(&orgs);
        Ok(())
    }

    async fn update_trust(&self, trust: &Trust, audit: &AuditEvent) -> StoreResult<()> {
        let mut tx = self.writer.begin().await.map_err(map_err)?;
        let done = sqlx::query(
            "UPDATE trusts SET enabled = $1, date_expired = $2 WHERE trustor_org_id = $3 AND trustee_org_id = $4",
        )
        .bind(trust.enabled)
        .bind(trust.date_expired.map(millis))
        .bind(trust.trustor_org_id.as_str())
        .bind(trust.trustee_org_id.as_str())
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
        if done.rows_affected() == 0 {
            return Err(StoreError::Missing {
                what: "trust",
                id: trust.trustee_org_id.to_string(),
            });
        }
        insert_audit(&mut tx, audit).await?;
        Self::notify(&mut tx, &[&trust.trustor_org_id, &trust.trustee_org_id]).await?;
        tx.commit().await.map_err(map_err)?;
        self.bump(&[&trust.trustor_org_id, &trust.trustee_org_id]);
        Ok(())
    }

    async fn delete_trusts(
        &self,
        trusts: &[(OrgId, OrgId)],
        audits: &[AuditEvent],
    ) -> StoreResult<()> {
        let now = audits.first().map_or(0, |a| millis(a.timestamp));
        let mut tx = self.writer.begin().await.map_err(map_err)?;
        // Lock them all first, in one order, so that two bulk deletions naming the same trusts
        // in different orders wait for each other instead of deadlocking.
        let mut ordered: Vec<&(OrgId, OrgId)> = trusts.iter().collect();
        ordered.sort_by(|a, b| (a.0.as_str(), a.1.as_str()).cmp(&(b.0.as_str(), b.1.as_str())));
        ordered.dedup();
        for (trustor, trustee) in ordered {
            hold_trust(&mut tx, trustor, trustee, Hold::Delete).await?;
        }
        for (trustor, trustee) in trusts {
            // Clones are users of the trustor: they go with the trust that made them.
            sqlx::query(
                "UPDATE users SET state = 'deleted', date_modified = $1 WHERE id IN
                   (SELECT clone_user_id FROM cloned_users WHERE trustor_org_id = $2 AND trustee_org_id = $3)",
            )
            .bind(now)
            .bind(trustor.as_str())
            .bind(trustee.as_str())
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
            // Members, their grants and the clone links cascade.
            let done =
                sqlx::query("DELETE FROM trusts WHERE trustor_org_id = $1 AND trustee_org_id = $2")
                    .bind(trustor.as_str())
                    .bind(trustee.as_str())
                    .execute(&mut *tx)
                    .await
                    .map_err(map_err)?;
            if done.rows_affected() == 0 {
                return Err(StoreError::Missing {
                    what: "trust",
                    id: trustee.to_string(),
                });
            }
        }
        // One statement for all of them (count rows locked in key order).
        insert_audits(&mut tx, audits).await?;
        let orgs: Vec<&OrgId> = trusts.iter().flat_map(|(a, b)| [a, b]).collect();
        Self::notify(&mut tx, &orgs).await?;
        tx.commit().await.map_err(map_err)?;
        self.bump(&orgs);
        Ok(())
    }

    async fn trust_members(
        &self,
        trustor: &OrgId,
        trustee: &OrgId,
        kind: MemberKind,
        offset: i64,
        limit: i64,
    ) -> StoreResult<(Vec<TrustMember>, i64)> {
        let mut conn = self.reader.acquire().await.map_err(map_err)?;
        let total: i64 = sqlx::query_scalar(&format!("SELECT count(*) {LIVE_MEMBER_FROM}"))
            .bind(trustor.as_str())
            .bind(trustee.as_str())
            .bind(kind.as_str())
            .fetch_one(&mut *conn)
            .await
            .map_err(map_err)?;
        let rows = sqlx::query(&format!(
            "SELECT {MEMBER_COLUMNS} {LIVE_MEMBER_FROM}
             ORDER BY COALESCE(u.name, g.name){BYTE_ORDER}, m.member_id{BYTE_ORDER} LIMIT $4 OFFSET $5"
        ))
        .bind(trustor.as_str())
        .bind(trustee.as_str())
        .bind(kind.as_str())
        .bind(limit)
        .bind(offset)
        .fetch_all(&mut *conn)
        .await
        .map_err(map_err)?;
        let mut members: Vec<TrustMember> = rows.iter().map(member_from_row).collect();
        attach_grants(&mut conn, trustor, trustee, &mut members).await?;
        Ok((members, total))
    }

    async fn trust_member(
        &self,
        trustor: &OrgId,
        trustee: &OrgId,
        kind: MemberKind,
        id: &str,
    ) -> StoreResult<Option<TrustMember>> {
        let mut conn = self.reader.acquire().await.map_err(map_err)?;
        let row = sqlx::query(&format!(
            "SELECT {MEMBER_COLUMNS} FROM trust_members m WHERE m.trustor_org_id = $1
               AND m.trustee_org_id = $2 AND m.member_kind = $3 AND m.member_id = $4"
        ))
        .bind(trustor.as_str())
        .bind(trustee.as_str())
        .bind(kind.as_str())
        .bind(id)
        .fetch_optional(&mut *conn)
        .await
        .map_err(map_err)?;
        let Some(row) = row else {
            return Ok(None);
        };
        let mut members = [member_from_row(&row)];
        attach_grants(&mut conn, trustor, trustee, &mut members).await?;
        let [member] = members;
        Ok(Some(member))
    }

    async fn all_trust_members(
        &self,
        trustor: &OrgId,
        trustee: &OrgId,
    ) -> StoreResult<Vec<TrustMember>> {
        let mut conn = self.reader.acquire().await.map_err(map_err)?;
        let rows = sqlx::query(&format!(
            "SELECT {MEMBER_COLUMNS} FROM trust_members m WHERE m.trustor_org_id = $1 AND m.trustee_org_id = $2
             ORDER BY m.member_kind, m.member_id{BYTE_ORDER}"
        ))
        .bind(trustor.as_str())
        .bind(trustee.as_str())
        .fetch_all(&mut *conn)
        .await
        .map_err(map_err)?;
        let mut members: Vec<TrustMember> = rows.iter().map(member_from_row).collect();
        attach_grants(&mut conn, trustor, trustee, &mut members).await?;
        Ok(members)
    }

    async fn put_trust_member(
        &self,
        member: &TrustMember,
        replace: bool,
        max_members: u32,
        audit: &AuditEvent,
    ) -> StoreResult<bool> {
        let (trustor, trustee) = (&member.trustor_org_id, &member.trustee_org_id);
        let mut tx = self.writer.begin().await.map_err(map_err)?;
        // Holding the trust row makes the member writes of one trust take turns, so the count
        // below cannot be overtaken by another addition (SQLite's single writer did the same).
        if !trust_exists(&mut tx, trustor, trustee, Hold::Members).await? {
            return Err(StoreError::Missing {
                what: "trust",
                id: trustee.to_string(),
            });
        }
        let exists = member_exists(&mut tx, trustor, trustee, member.kind, &member.id).await?;
        if exists && !replace {
            return Ok(false);
        }
        if exists {
            replace_grants(
                &mut tx,
                trustor,
                trustee,
                member.kind,
                &member.id,
                &member.grants,
            )
            .await?;
        } else {
            if member.kind != MemberKind::Organization {
                // Members whose user or group was deleted since do not count.
                let count: i64 = sqlx::query_scalar(
                    "SELECT count(*) FROM trust_members m
                     LEFT JOIN users u ON m.member_kind = 'user' AND u.id = m.member_id AND u.state <> 'deleted'
                     LEFT JOIN user_groups g ON m.member_kind = 'group' AND g.id = m.member_id AND g.state <> 'deleted'
                     WHERE m.trustor_org_id = $1 AND m.trustee_org_id = $2 AND COALESCE(u.id, g.id) IS NOT NULL",
                )
                .bind(trustor.as_str())
                .bind(trustee.as_str())
                .fetch_one(&mut *tx)
                .await
                .map_err(map_err)?;
                if count >= i64::from(max_members) {
                    return Err(refused("trust_members.limit"));
                }
            }
            insert_member(&mut tx, member).await?;
        }
        insert_audit(&mut tx, audit).await?;
        Self::notify(&mut tx, &[trustor, trustee]).await?;
        tx.commit().await.map_err(map_err)?;
        self.bump(&[trustor, trustee]);
        Ok(!exists)
    }

    async fn set_trust_member_grants(
        &self,
        trustor: &OrgId,
        trustee: &OrgId,
        kind: MemberKind,
        id: &str,
        grants: &[Grant],
        audit: &AuditEvent,
    ) -> StoreResult<()> {
        let mut tx = self.writer.begin().await.map_err(map_err)?;
        // Take turns with the trust's other member writes (a member deleted meanwhile is missing).
        let held = trust_exists(&mut tx, trustor, trustee, Hold::Members).await?;
        if !held || !member_exists(&mut tx, trustor, trustee, kind, id).await? {
            return Err(StoreError::Missing {
                what: "trust member",
                id: id.to_owned(),
            });
        }
        replace_grants(&mut tx, trustor, trustee, kind, id, grants).await?;
        insert_audit(&mut tx, audit).await?;
        Self::notify(&mut tx, &[trustor, trustee]).await?;
        tx.commit().await.map_err(map_err)?;
        self.bump(&[trustor, trustee]);
        Ok(())
    }

    async fn delete_trust_member(
        &self,
        trustor: &OrgId,
        trustee: &OrgId,
        kind: MemberKind,
        id: &str,
        audit: &AuditEvent,
    ) -> StoreResult<()> {
        let mut tx = self.writer.begin().await.map_err(map_err)?;
        // Take turns with the trust's other member writes.
        hold_trust(&mut tx, trustor, trustee, Hold::Members).await?;
        let done = sqlx::query(
            "DELETE FROM trust_members WHERE trustor_org_id = $1 AND trustee_org_id = $2
               AND member_kind = $3 AND member_id = $4",
        )
        .bind(trustor.as_str())
        .bind(trustee.as_str())
        .bind(kind.as_str())
        .bind(id)
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
        if done.rows_affected() == 0 {
            return Err(StoreError::Missing {
                what: "trust member",
                id: id.to_owned(),
            });
        }
        insert_audit(&mut tx, audit).await?;
        Self::notify(&mut tx, &[trustor, trustee]).await?;
        tx.commit().await.map_err(map_err)?;
        self.bump(&[trustor, trustee]);
        Ok(())
    }

    async fn cloned_users(&self, trustor: &OrgId, trustee: &OrgId) -> StoreResult<Vec<ClonedUser>> {
        let rows = sqlx::query(&format!(
            "{CLONE_SELECT} WHERE c.trustor_org_id = $1 AND c.trustee_org_id = $2 ORDER BY u.name{BYTE_ORDER}, c.clone_user_id{BYTE_ORDER}"
        ))
        .bind(trustor.as_str())
        .bind(trustee.as_str())
        .fetch_all(&self.reader)
        .await
        .map_err(map_err)?;
        Ok(rows.iter().map(clone_from_row).collect())
    }

    async fn cloned_user(
        &self,
        trustor: &OrgId,
        trustee_user: &UserId,
    ) -> StoreResult<Option<ClonedUser>> {
        let row = sqlx::query(&format!(
            "{CLONE_SELECT} WHERE c.trustor_org_id = $1 AND c.trustee_user_id = $2"
        ))
        .bind(trustor.as_str())
        .bind(trustee_user.as_str())
        .fetch_optional(&self.reader)
        .await
        .map_err(map_err)?;
        Ok(row.as_ref().map(clone_from_row))
    }

    async fn insert_cloned_user(
        &self,
        clone: &ClonedUser,
        user: &User,
        max_per_org: u32,
        audit: &AuditEvent,
    ) -> StoreResult<()> {
        let mut tx = self.writer.begin().await.map_err(map_err)?;
        // The limit counts every clone of the trustor, whatever the trust: clones of one trustor
        // take turns.
        crate::dialect::hold_org(&mut tx, &clone.trustor_org_id).await?;
        // The trust cannot be deleted under the new clone.
        if !trust_exists(
            &mut tx,
            &clone.trustor_org_id,
            &clone.trustee_org_id,
            Hold::KeyShare,
        )
        .await?
        {
            return Err(StoreError::Missing {
                what: "trust",
                id: clone.trustor_org_id.to_string(),
            });
        }
        let count: i64 =
            sqlx::query_scalar("SELECT count(*) FROM cloned_users WHERE trustor_org_id = $1")
                .bind(clone.trustor_org_id.as_str())
                .fetch_one(&mut *tx)
                .await
                .map_err(map_err)?;
        if count >= i64::from(max_per_org) {
            return Err(refused("cloned_users.limit"));
        }
        sqlx::query(
            "INSERT INTO users (id, org_id, name, email, division_id, state, version, title, department,
                 password_hash, date_created, date_modified)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, NULL, $10, $11)",
        )
        .bind(user.id.as_str())
        .bind(user.org_id.as_str())
        .bind(&user.name)
        .bind(&user.email)
        .bind(user.division_id.as_str())
        .bind(user.state.as_str())
        .bind(user.version)
        .bind(&user.title)
        .bind(&user.department)
        .bind(millis(user.date_created))
        .bind(millis(user.date_modified))
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
        sqlx::query(
            "INSERT INTO cloned_users (clone_user_id, trustor_org_id, trustee_org_id, trustee_user_id, date_created)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(clone.clone_id.as_str())
        .bind(clone.trustor_org_id.as_str())
        .bind(clone.trustee_org_id.as_str())
        .bind(clone.trustee_user_id.as_str())
        .bind(millis(clone.date_created))
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
        insert_audit(&mut tx, audit).await?;
        Self::notify(&mut tx, &[&clone.trustor_org_id, &clone.trustee_org_id]).await?;
        tx.commit().await.map_err(map_err)?;
        self.bump(&[&clone.trustor_org_id, &clone.trustee_org_id]);
        Ok(())
    }

    async fn delete_cloned_user(&self, clone: &ClonedUser, audit: &AuditEvent) -> StoreResult<()> {
        let mut tx = self.writer.begin().await.map_err(map_err)?;
        // A trust deletion locks the trust, then marks its clones' users deleted, then removes
        // the clone links; this deletion touches the same rows in the other order. Holding the
        // trust first makes the two take turns instead of deadlocking (a clone whose trust went
        // meanwhile is missing below).
        hold_trust(
            &mut tx,
            &clone.trustor_org_id,
            &clone.trustee_org_id,
            Hold::KeyShare,
        )
        .await?;
        let done = sqlx::query("DELETE FROM cloned_users WHERE clone_user_id = $1")
            .bind(clone.clone_id.as_str())
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
        if done.rows_affected() == 0 {
            return Err(StoreError::Missing {
                what: "cloned user",
                id: clone.trustee_user_id.to_string(),
            });
        }
        sqlx::query("UPDATE users SET state = 'deleted', date_modified = $1 WHERE id = $2")
            .bind(millis(audit.timestamp))
            .bind(clone.clone_id.as_str())
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
        insert_audit(&mut tx, audit).await?;
        Self::notify(&mut tx, &[&clone.trustor_org_id, &clone.trustee_org_id]).await?;
        tx.commit().await.map_err(map_err)?;
        self.bump(&[&clone.trustor_org_id, &clone.trustee_org_id]);
        Ok(())
    }
}

impl Store {
    /// A page of trusts where `mine_col` is `org`, ordered by the other organization's name.
    async fn trusts_page(
        &self,
        mine_col: &str,
        other_col: &str,
        org: &OrgId,
        offset: i64,
        limit: i64,
    ) -> StoreResult<(Vec<Trust>, i64)> {
        let mut conn = self.reader.acquire().await.map_err(map_err)?;
        let total: i64 = sqlx::query_scalar(&format!(
            "SELECT count(*) FROM trusts WHERE {mine_col} = $1"
        ))
        .bind(org.as_str())
        .fetch_one(&mut *conn)
        .await
        .map_err(map_err)?;
        let rows = sqlx::query(&format!(
            "SELECT {} FROM trusts t JOIN organizations o ON o.id = t.{other_col}
             WHERE t.{mine_col} = $1 ORDER BY o.name{BYTE_ORDER}, o.id{BYTE_ORDER} LIMIT $2 OFFSET $3",
            trust_columns_t()
        ))
        .bind(org.as_str())
        .bind(limit)
        .bind(offset)
        .fetch_all(&mut *conn)
        .await
        .map_err(map_err)?;
        Ok((rows.iter().map(trust_from_row).collect(), total))
    }
}
