//! A complete application's answers, as the wizard sends them, for the onboarding tests.

pub const ANSWERS: &[(&str, &str)] = &[
    ("unit_name", "Lähiklinikka, vastaanotto"),
    ("unit_oid", "1.2.246.10.31415903.10.1"),
    ("system_product", "Potilas Pro"),
    ("system_version", "5.2"),
    ("system_vendor", "Terveysdata Oy"),
    ("system_certification", "certified"),
    ("admin_name", "Aino Virtanen"),
    ("admin_email", "aino@lahiklinikka.example"),
    ("admin_phone", "040 123 4567"),
    ("technical_name", "Laura Heikkinen"),
    ("technical_email", "laura@terveysdata.example"),
    ("technical_phone", "050 765 4321"),
    ("certificate_name", "kanta.lahiklinikka.example"),
    ("certificate_valid_until", "2099-12-31"),
    ("production_date", "2099-03-01"),
    ("testing_plan", "Yhteistestaus toimittajan kanssa asiakastestiympäristössä."),
];

/// `answers[name]=value` fields of a save, with `id` and `version`.
pub fn save_fields(id: i32, version: i32, answers: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut fields = vec![("id".to_string(), id.to_string()), ("version".to_string(), version.to_string())];
    fields.extend(answers.iter().map(|(k, v)| (format!("answers[{k}]"), v.to_string())));
    fields
}
