//! The code service's answers kept for a configured time to live (`KANTA_REGISTER_CACHE_SECONDS`)
//! and fetched again after it: a page that shows ten service units asks the code service about
//! each at most once per time to live, not once per view. Concurrent asks for an organisation wait
//! for one fetch. Keyed by the register's own key (an organisation's Y-tunnus, a unit's OID), so
//! an answer is the same whoever asks; errors are not kept, and "no such unit" only for a minute at
//! most, so a unit just registered is soon seen. What is stored in the database is asked afresh
//! (`forget`, `forget_unit`). Per instance: a cache only saves work.
use super::{CodeService, CodeServiceEntry, CodeServiceUnit, RegistryError};
use crate::domain::{oid::Oid, ytunnus::YTunnus};
use moka::future::Cache;
use std::{sync::Arc, time::Duration};

/// How many answers of each kind are kept at most.
const CAPACITY: u64 = 100_000;

pub struct CachedCodeService {
    inner: Arc<dyn CodeService>,
    organisations: Cache<YTunnus, CodeServiceEntry>,
    units: Cache<Oid, CodeServiceUnit>,
    /// Units the register did not know, kept briefly: pages that flag them ask once a minute.
    unknown_units: Cache<Oid, ()>,
}

/// The longest "no such unit" is kept.
const UNKNOWN_UNIT_TIME: Duration = Duration::from_secs(60);

impl CachedCodeService {
    pub fn new(inner: Arc<dyn CodeService>, time_to_live: Duration) -> CachedCodeService {
        CachedCodeService {
            inner,
            organisations: Cache::builder().max_capacity(CAPACITY).time_to_live(time_to_live).build(),
            units: Cache::builder().max_capacity(CAPACITY).time_to_live(time_to_live).build(),
            unknown_units: Cache::builder()
                .max_capacity(CAPACITY)
                .time_to_live(time_to_live.min(UNKNOWN_UNIT_TIME))
                .build(),
        }
    }
}

#[async_trait::async_trait]
impl CodeService for CachedCodeService {
    async fn organisation(&self, ytunnus: &YTunnus) -> Result<CodeServiceEntry, RegistryError> {
        self.organisations
            .try_get_with_by_ref(ytunnus, self.inner.organisation(ytunnus))
            .await
            .map_err(RegistryError::Shared)
    }

    async fn unit(&self, oid: &Oid) -> Result<Option<CodeServiceUnit>, RegistryError> {
        if let Some(unit) = self.units.get(oid).await {
            return Ok(Some(unit));
        }
        if self.unknown_units.contains_key(oid) {
            return Ok(None);
        }
        let answer = self.inner.unit(oid).await?;
        match &answer {
            Some(unit) => self.units.insert(oid.clone(), unit.clone()).await,
            None => self.unknown_units.insert(oid.clone(), ()).await,
        }
        Ok(answer)
    }

    async fn forget(&self, ytunnus: &YTunnus) {
        self.organisations.invalidate(ytunnus).await;
    }

    async fn forget_unit(&self, oid: &Oid) {
        self.units.invalidate(oid).await;
        self.unknown_units.invalidate(oid).await;
    }
}
