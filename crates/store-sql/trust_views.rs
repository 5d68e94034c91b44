//! The trusts listings' page: the trusts of one side with both organizations of each, in one
//! query walking the side's by-name index (migration 0014, byte order), so a page costs its own rows.

use orgtrust_core::ids::OrgId;
use orgtrust_core::orgauth::TrustView;
use orgtrust_core::store::StoreResult;
use sqlx::Row;

use crate::dialect::BYTE_ORDER;
use crate::orgs::{org_columns_as, org_from_prefixed};
use crate::trust_rows::{trust_columns_t, trust_from_row};
use crate::{map_err, Store};

/// Which side of the trusts the caller's organization is on.
#[derive(Clone, Copy)]
pub(crate) enum ListSide {
    /// `GET /trustees`: the organization is the trustor; ordered by trustee name.
    Trustor,
    /// `GET /trustors`: the organization is the trustee; ordered by trustor name.
    Trustee,
}

impl Store {
    /// A page of `org`'s trusts on `side`, ordered by the other organization's name then id,
    /// each with both organizations, and the total.
    pub(crate) async fn trust_views_page(
        &self,
        side: ListSide,
        org: &OrgId,
        offset: i64,
        limit: i64,
    ) -> StoreResult<(Vec<TrustView>, i64)> {
        let (mine, other, other_name) = match side {
            ListSide::Trustor => ("trustor_org_id", "trustee_org_id", "trustee_name"),
            ListSide::Trustee => ("trustee_org_id", "trustor_org_id", "trustor_name"),
        };
        // The total rides along as an uncorrelated subquery (evaluated once; PostgreSQL's InitPlan),
        // so the page and its total are one statement and one snapshot.
        let sql = format!(
            "SELECT {}, {}, {},
                    (SELECT count(*) FROM trusts WHERE {mine} = $1) AS total
             FROM trusts t
             JOIN organizations tor ON tor.id = t.trustor_org_id
             JOIN organizations tee ON tee.id = t.trustee_org_id
             WHERE t.{mine} = $1
             ORDER BY t.{other_name}{BYTE_ORDER}, t.{other}{BYTE_ORDER} LIMIT $2 OFFSET $3",
            trust_columns_t(),
            org_columns_as("tor", "tor_"),
            org_columns_as("tee", "tee_"),
        );
        let rows = sqlx::query(&sql)
            .bind(org.as_str())
            .bind(limit)
            .bind(offset)
            .fetch_all(&self.reader)
            .await
            .map_err(map_err)?;
        let total = match rows.first() {
            Some(r) => r.get::<i64, _>("total"),
            // Past the end (or nothing at all): the total alone.
            None if offset == 0 => 0,
            None => sqlx::query_scalar(&format!("SELECT count(*) FROM trusts WHERE {mine} = $1"))
                .bind(org.as_str())
                .fetch_one(&self.reader)
                .await
                .map_err(map_err)?,
        };
        let views = rows
            .iter()
            .map(|r| TrustView {
                trust: trust_from_row(r),
                trustor: org_from_prefixed(r, "tor_"),
                trustee: org_from_prefixed(r, "tee_"),
            })
            .collect();
        Ok((views, total))
    }
}
