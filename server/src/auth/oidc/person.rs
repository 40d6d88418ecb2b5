//! The person as the provider's claims name them, under the configured claim names.
use super::LoginFailure;
use crate::config::ClaimNames;
use app::domain::hetu::Hetu;
use std::collections::HashMap;

/// The person as the claims name them.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Person {
    pub(super) hetu: Hetu,
    pub(super) given_name: String,
    pub(super) surname: String,
    pub(super) display_name: String,
}

/// The person's code and names under the configured claim names. The given name falls back,
/// in order, to all first names and then to the first word of the display name. The log names
/// the claims present, never their values.
pub(super) fn read_person(
    claims: &HashMap<String, serde_json::Value>,
    names: &ClaimNames,
) -> Result<Person, LoginFailure> {
    let text = |name: &str| claims.get(name).and_then(|v| v.as_str()).map(str::trim).filter(|s| !s.is_empty());
    let present = || {
        let mut present: Vec<&str> = claims.keys().map(String::as_str).collect();
        present.sort_unstable();
        present
    };
    let hetu = text(&names.hetu).and_then(|h| Hetu::parse(h).ok()).ok_or_else(|| {
        tracing::warn!(claim = names.hetu, present = ?present(), "no valid personal identity code in the provider's claims");
        LoginFailure::Identity
    })?;
    let display = text(&names.display_name);
    let given = text(&names.given_name)
        .or_else(|| text(&names.first_names))
        .or_else(|| display.and_then(|d| d.split_whitespace().next()));
    let (Some(given), Some(surname)) = (given, text(&names.surname)) else {
        tracing::warn!(present = ?present(), "no name in the provider's claims");
        return Err(LoginFailure::Identity);
    };
    if text(&names.given_name).is_none() {
        tracing::info!(present = ?present(), "given name taken from a fallback claim");
    }
    Ok(Person {
        hetu,
        given_name: given.to_string(),
        surname: surname.to_string(),
        display_name: display.map(String::from).unwrap_or_else(|| format!("{given} {surname}")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claims_are_read_under_the_configured_names() {
        let names = ClaimNames::default();
        let claims: HashMap<String, serde_json::Value> = serde_json::from_value(serde_json::json!({
            "urn:oid:1.2.246.21": "120375-901K", "urn:oid:2.5.4.42": "Aino", "urn:oid:2.5.4.4": "Virtanen",
        }))
        .unwrap();
        let person = read_person(&claims, &names).unwrap();
        assert_eq!(person.hetu.to_string(), "120375-901K");
        let shown = (person.given_name.as_str(), person.surname.as_str(), person.display_name.as_str());
        assert_eq!(shown, ("Aino", "Virtanen", "Aino Virtanen"));

        let mut bad = claims.clone();
        bad.insert("urn:oid:1.2.246.21".into(), "120375-901A".into());
        assert_eq!(read_person(&bad, &names).err(), Some(LoginFailure::Identity));
        let mut nameless = claims;
        nameless.remove("urn:oid:2.5.4.4");
        assert_eq!(read_person(&nameless, &names).err(), Some(LoginFailure::Identity));
    }

    #[test]
    fn the_given_name_falls_back_to_first_names_then_the_display_name() {
        let names = ClaimNames::default();
        let mut claims: HashMap<String, serde_json::Value> = serde_json::from_value(serde_json::json!({
            "urn:oid:1.2.246.21": "120375-901K", "urn:oid:2.5.4.4": "Virtanen",
            "urn:oid:2.5.4.42": "Aino",
            "http://eidas.europa.eu/attributes/naturalperson/CurrentGivenName": "Aino Maria",
            "name": "Maija Virtanen",
        }))
        .unwrap();
        let given = |claims: &HashMap<String, serde_json::Value>| read_person(claims, &names).map(|p| p.given_name);
        assert_eq!(given(&claims).as_deref(), Ok("Aino"));
        claims.insert("urn:oid:2.5.4.42".into(), " ".into());
        assert_eq!(given(&claims).as_deref(), Ok("Aino Maria"), "all first names next");
        claims.remove("http://eidas.europa.eu/attributes/naturalperson/CurrentGivenName");
        assert_eq!(given(&claims).as_deref(), Ok("Maija"), "then the display name's first word");
        claims.remove("name");
        assert_eq!(given(&claims), Err(LoginFailure::Identity));
    }
}
