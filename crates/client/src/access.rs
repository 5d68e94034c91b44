//! orgtrust's access review (`/orgtrust/v1/access/...`, an orgtrust extension: no Genesys SDK has
//! it).

use futures::Stream;
use orgtrust_api::{AccessEntry, AccessEntryListing};

use crate::{paginate, Call, Client, Result};

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
}
