//! The trade register (and register of associations): organisations and the roles of persons in them.
use super::{Http, RegisteredOrganisation, RegistryError, Repeat, parse_organisation};
use crate::domain::{acting::TradeRegisterRole, hetu::Hetu, ytunnus::YTunnus};
use serde::Deserialize;

#[async_trait::async_trait]
pub trait TradeRegister: Send + Sync {
    /// Every role the person holds in a registered organisation.
    async fn roles_of(&self, hetu: &Hetu) -> Result<Vec<(RegisteredOrganisation, TradeRegisterRole)>, RegistryError>;
    /// The organisation with this business ID, if registered.
    async fn organisation(&self, ytunnus: &YTunnus) -> Result<Option<RegisteredOrganisation>, RegistryError>;
}

pub struct HttpTradeRegister(Http);

impl HttpTradeRegister {
    pub fn new(base: &str) -> HttpTradeRegister {
        HttpTradeRegister(Http::new("trade register", base))
    }
}

#[derive(Deserialize)]
struct Organisation {
    business_id: String,
    name: String,
    kind: String,
}

#[derive(Deserialize)]
struct Role {
    #[serde(flatten)]
    organisation: Organisation,
    role: String,
}

fn parse(o: Organisation) -> Result<RegisteredOrganisation, RegistryError> {
    parse_organisation("trade register", &o.business_id, o.name, &o.kind)
}

#[async_trait::async_trait]
impl TradeRegister for HttpTradeRegister {
    async fn roles_of(&self, hetu: &Hetu) -> Result<Vec<(RegisteredOrganisation, TradeRegisterRole)>, RegistryError> {
        // The code goes in the body, never in a URL that ends up in access logs.
        let request = self.0.client.post(self.0.url("/roles")).json(&serde_json::json!({ "person": hetu.to_string() }));
        let roles: Vec<Role> = self.0.json(request, Repeat::Lookup).await?.unwrap_or_default();
        roles.into_iter().map(|r| Ok((parse(r.organisation)?, TradeRegisterRole::from_code(&r.role)))).collect()
    }

    async fn organisation(&self, ytunnus: &YTunnus) -> Result<Option<RegisteredOrganisation>, RegistryError> {
        let request = self.0.client.get(self.0.url(&format!("/organisations/{ytunnus}")));
        self.0.json::<Organisation>(request, Repeat::Lookup).await?.map(parse).transpose()
    }
}
