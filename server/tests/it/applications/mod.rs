//! Taking a service into use over real HTTP on both databases: a managing director fills in the
//! application, meets a refused OID and a stale version, signs the agreement and sends it; Kanta's
//! staff return it, the applicant resubmits, and staff take it to production. The database, the
//! mail that reached the sandbox's SMTP receiver and the signed PDF are checked, not only pages.
//!
//! The tests by theme: taking a service into use, several services together, further service
//! units, staff's queue, a pharmacy's applications, ending services, and joint joining.
mod ending;
mod further_units;
mod joint_joining;
mod pharmacies;
mod services_together;
mod staff_queue;
mod taking_into_use;

use crate::common::TestApp;
use app::backend::document::{self, Attachment, Block, Contents};
use app::backend::entities::application;
use ending::a_clinic_ends_imaging_and_then_its_whole_relationship;
use further_units::further_service_units_are_checked_and_taken_over;
use joint_joining::a_main_joiner_and_a_co_joiner_join_together;
use pharmacies::{
    a_pharmacy_applies_at_most_thirty_days_before_its_takeover, a_pharmacy_cannot_apply_for_a_health_care_service,
};
use sea_orm::EntityTrait;
use services_together::services_are_taken_into_use_together;
use staff_queue::staff_read_the_queue_a_page_at_a_time;
use taking_into_use::{
    a_clinic_takes_the_patient_data_repository_into_use, a_unit_is_its_owners_where_the_code_service_says,
    imaging_waits_for_the_patient_data_repository,
};

on_both_databases!(
    a_clinic_takes_the_patient_data_repository_into_use,
    a_pharmacy_cannot_apply_for_a_health_care_service,
    imaging_waits_for_the_patient_data_repository,
    services_are_taken_into_use_together,
    further_service_units_are_checked_and_taken_over,
    staff_read_the_queue_a_page_at_a_time,
    a_unit_is_its_owners_where_the_code_service_says,
    a_pharmacy_applies_at_most_thirty_days_before_its_takeover,
    a_clinic_ends_imaging_and_then_its_whole_relationship,
    a_main_joiner_and_a_co_joiner_join_together,
);

async fn row(app: &TestApp, id: i32) -> application::Model {
    application::Entity::find_by_id(id).one(&app.db).await.unwrap().unwrap()
}

/// A form field: its name and value.
fn field(k: &str, v: String) -> (String, String) {
    (k.to_string(), v)
}

/// Sámi letters too: the font is embedded and every glyph maps back to its letter.
#[test]
fn a_document_reads_back_as_tagged_pdf_a_3a_with_its_text_and_attachment() {
    let signed = "Sopimus\n\nSámi: Ŋuorra čállá đ, ŧ, ž, ǯ, ǥ, ǩ, ʒ. Åbo, Malmö, Hämeenlinna. ".to_string();
    // A tab and letters the font lacks are drawn as it can (PDF/A refuses a missing glyph).
    let long = "Asiakas sitoutuu noudattamaan palvelukuvausta ja yleisiä toimitusehtoja.\t中文 ".repeat(80);
    let pdf = document::pdf(Contents {
        lang: app::i18n::Lang::Fi,
        title: "Kanta-palvelujen asiakkuussopimus",
        blocks: vec![Block::Paragraph(signed.clone()), Block::Paragraph(long)],
        attachment: Some(Attachment {
            name: "kanta-agreement-1.txt".into(),
            description: "Allekirjoitettu teksti".into(),
            text: signed.clone(),
        }),
        made: chrono::DateTime::from_timestamp(1_790_000_000, 0).unwrap(),
    })
    .unwrap();
    let crate::common::ReadPdf { text, attachment, info, structure } = crate::common::read_pdf(&pdf);
    let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words(&text).contains(&words(&signed)), "every letter reads back: {text}");
    assert!(text.contains("Kanta-palvelujen asiakkuussopimus"));
    assert_eq!(attachment, signed.as_bytes(), "the attachment is the text, byte for byte");
    assert!(info.contains("Tagged:          yes"), "{info}");
    assert!(info.contains("Pages:           2"), "the long paragraph runs on: {info}");
    assert!(
        info.contains("<pdfaid:part>3</pdfaid:part>") && info.contains("<pdfaid:conformance>A</pdfaid:conformance>"),
        "{info}"
    );
    assert!(info.contains("<dc:language><rdf:Bag><rdf:li>fi</rdf:li>"), "{info}");
    assert!(structure.starts_with("Document\n  H1 \"Kanta-palvelujen asiakkuussopimus\""), "{structure}");
    assert_eq!(structure.matches("  P (block)").count(), 2, "{structure}");
}
