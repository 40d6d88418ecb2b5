//! The National Code Service (THL): an organisation's OID and whether its data there is current.
use super::{Http, RegistryError, Repeat};
use crate::domain::{acting::CodeServiceStatus, oid::Oid, ytunnus::YTunnus};
use serde::Deserialize;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeServiceEntry {
    pub oid: Option<Oid>,
    pub status: CodeServiceStatus,
}

/// A service unit as the SOTE organisation register lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeServiceUnit {
    pub name: String,
    /// The organisation the register ties the unit to. Usually the one whose root OID
    /// (`1.2.246.10.<business ID>`) the unit lies under, but not always: a self-employed
    /// professional's own OID, for one, is elsewhere. `None` when the register does not say.
    pub owner: Option<YTunnus>,
}

#[async_trait::async_trait]
pub trait CodeService: Send + Sync {
    async fn organisation(&self, ytunnus: &YTunnus) -> Result<CodeServiceEntry, RegistryError>;
    /// The service unit `oid` in the SOTE organisation register, if it is there.
    async fn unit(&self, oid: &Oid) -> Result<Option<CodeServiceUnit>, RegistryError>;
    /// Forgets what is kept of the organisation, so the next ask goes to the register (a user
    /// asked to check now). Nothing to forget without a cache.
    async fn forget(&self, _ytunnus: &YTunnus) {}
    /// Forgets what is kept of the unit, so the next ask goes to the register (its OID is about
    /// to be stored).
    async fn forget_unit(&self, _oid: &Oid) {}
}

pub struct HttpCodeService(Http);

impl HttpCodeService {
    pub fn new(base: &str) -> HttpCodeService {
        HttpCodeService(Http::new("code service", base))
    }
}

#[derive(Deserialize)]
struct Entry {
    oid: Option<String>,
    status: String,
}

#[derive(Deserialize)]
struct Unit {
    name: String,
    #[serde(default)]
    business_id: Option<String>,
}

#[async_trait::async_trait]
impl CodeService for HttpCodeService {
    async fn unit(&self, oid: &Oid) -> Result<Option<CodeServiceUnit>, RegistryError> {
        let request = self.0.client.get(self.0.url(&format!("/units/{oid}")));
        let Some(unit) = self.0.json::<Unit>(request, Repeat::Lookup).await? else {
            return Ok(None);
        };
        let owner = match unit.business_id.filter(|b| !b.is_empty()) {
            Some(b) => Some(YTunnus::parse(&b).map_err(|_| RegistryError::Answer("code service", b))?),
            None => None,
        };
        Ok(Some(CodeServiceUnit { name: unit.name, owner }))
    }

    async fn organisation(&self, ytunnus: &YTunnus) -> Result<CodeServiceEntry, RegistryError> {
        let request = self.0.client.get(self.0.url(&format!("/organisations/{ytunnus}")));
        let Some(entry) = self.0.json::<Entry>(request, Repeat::Lookup).await? else {
            return Ok(CodeServiceEntry { oid: None, status: CodeServiceStatus::Missing });
        };
        let bad = |what: String| RegistryError::Answer("code service", what);
        Ok(CodeServiceEntry {
            oid: entry.oid.filter(|o| !o.is_empty()).map(|o| Oid::parse(&o).map_err(|_| bad(o))).transpose()?,
            status: CodeServiceStatus::from_code(&entry.status).ok_or_else(|| bad(entry.status))?,
        })
    }
}
