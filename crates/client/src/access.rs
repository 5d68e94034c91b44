//! orgtrust's access review (`/orgtrust/v1/access/...`, an orgtrust extension: no Genesys SDK has
//! it).

use chrono::{DateTime, SecondsFormat, Utc};
use futures::Stream;
use orgtrust_api::{
    AccessChange, AccessChangeListing, AccessEntry, AccessEntryListing, TrustReview,
    TrustReviewListing, TrustReviewRequest,
};

use crate::{paginate, seg, Call, Client, Result};

/// What the access report is narrowed to (all `None`: everything).
#[derive(Debug, Clone, Default)]
pub struct AccessReportFilter {
    /// Only this trustee organization.
    pub trustee_org_id: Option<String>,
    /// Only rows whose role grants this permission.
    pub permission: Option<String>,
    /// Only rows that apply in this division.
    pub division_id: Option<String>,
}

impl Client {
    /// Who from other organizations can do what here: every trustee user's effective roles per
    /// division, and the trust member each comes through.
    ///
    /// `GET /orgtrust/v1/access/report`; requires ANY of `authorization:orgTrustee:view`.
    pub async fn get_access_report(
        &self,
        filter: &AccessReportFilter,
        page_size: Option<i32>,
        page_number: Option<i32>,
    ) -> Result<AccessEntryListing> {
        let call = Call::get("/orgtrust/v1/access/report".to_owned())
            .query("pageSize", page_size)
            .query("pageNumber", page_number)
            .query("trusteeOrgId", filter.trustee_org_id.as_deref())
            .query("permission", filter.permission.as_deref())
            .query("divisionId", filter.division_id.as_deref());
        self.json(call).await
    }

    /// Every row of the access report, fetched page by page with [`Client::get_access_report`].
    pub fn get_access_report_stream(
        &self,
        filter: AccessReportFilter,
        page_size: Option<i32>,
    ) -> impl Stream<Item = Result<AccessEntry>> + Send + 'static {
        let client = self.clone();
        paginate(move |page| {
            let client = client.clone();
            let filter = filter.clone();
            async move {
                client
                    .get_access_report(&filter, page_size, Some(page))
                    .await
            }
        })
    }

    /// What changed in that access between `from` and `to` (inclusive), oldest first.
    ///
    /// `GET /orgtrust/v1/access/history`; requires ALL of `authorization:orgTrustee:view`,
    /// `authorization:audit:view`.
    pub async fn get_access_history(
        &self,
        from: Option<DateTime<Utc>>,
        to: Option<DateTime<Utc>>,
        page_size: Option<i32>,
        page_number: Option<i32>,
    ) -> Result<AccessChangeListing> {
        let date =
            |d: Option<DateTime<Utc>>| d.map(|d| d.to_rfc3339_opts(SecondsFormat::Millis, true));
        let call = Call::get("/orgtrust/v1/access/history".to_owned())
            .query("pageSize", page_size)
            .query("pageNumber", page_number)
            .query("from", date(from))
            .query("to", date(to));
        self.json(call).await
    }

    /// Every change of the history, fetched page by page with [`Client::get_access_history`].
    pub fn get_access_history_stream(
        &self,
        from: Option<DateTime<Utc>>,
        to: Option<DateTime<Utc>>,
        page_size: Option<i32>,
    ) -> impl Stream<Item = Result<AccessChange>> + Send + 'static {
        let client = self.clone();
        paginate(move |page| {
            let client = client.clone();
            async move {
                client
                    .get_access_history(from, to, page_size, Some(page))
                    .await
            }
        })
    }

    /// The reviews this organization requires of its trusts, and where each stands.
    ///
    /// `GET /orgtrust/v1/access/reviews`; requires ANY of `authorization:orgTrustee:view`.
    pub async fn get_access_reviews(
        &self,
        page_size: Option<i32>,
        page_number: Option<i32>,
    ) -> Result<TrustReviewListing> {
        let call = Call::get("/orgtrust/v1/access/reviews".to_owned())
            .query("pageSize", page_size)
            .query("pageNumber", page_number);
        self.json(call).await
    }

    /// Requires the trust with `trustee_org_id` to be confirmed every `body.interval_days` by
    /// `body.reviewer_id`.
    ///
    /// `PUT /orgtrust/v1/access/reviews/{trusteeOrgId}`; requires ANY of
    /// `authorization:orgTrustee:edit`.
    pub async fn put_access_review(
        &self,
        trustee_org_id: &str,
        body: &TrustReviewRequest,
    ) -> Result<TrustReview> {
        let call = Call::put(format!(
            "/orgtrust/v1/access/reviews/{}",
            seg(trustee_org_id)
        ))
        .json(body)?;
        self.json(call).await
    }

    /// The named reviewer confirms the trust with `trustee_org_id` is still needed.
    ///
    /// `POST /orgtrust/v1/access/reviews/{trusteeOrgId}/confirm`; requires ANY of
    /// `authorization:orgTrustee:view`, and the caller must be the reviewer.
    pub async fn post_access_review_confirm(&self, trustee_org_id: &str) -> Result<TrustReview> {
        let call = Call::post(format!(
            "/orgtrust/v1/access/reviews/{}/confirm",
            seg(trustee_org_id)
        ));
        self.json(call).await
    }

    /// Stops requiring reviews of the trust with `trustee_org_id`.
    ///
    /// `DELETE /orgtrust/v1/access/reviews/{trusteeOrgId}`; requires ANY of
    /// `authorization:orgTrustee:edit`.
    pub async fn delete_access_review(&self, trustee_org_id: &str) -> Result<()> {
        let call = Call::delete(format!(
            "/orgtrust/v1/access/reviews/{}",
            seg(trustee_org_id)
        ));
        self.empty(call).await
    }
}
