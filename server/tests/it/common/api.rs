//! The app's server functions by type, for their addresses: `SaveApplication::PATH` (with
//! `ServerFn` in scope) is `/api/applications/save`, so a renamed or removed server function
//! fails to compile here instead of failing a test at run time.
pub use app::api::{
    acting::{ActingChoices, ChooseOrganisation},
    applications::{
        AddUnit, AgreementPdf, ApplicantCommand, ChangeServices, Dashboard, GetApplication, GiveNotice, NoticePdf,
        NoticeText, RemoveUnit, SaveApplication, SignAgreement, StartApplication,
    },
    billing::{Billing, BillingCsv, BillingImports, ImportBilling, Invoice, InvoicePdf},
    customer_data::{AddContact, AddTechnical, ChangeContact, ConfirmData, CustomerData, EndContact, EndTechnical},
    joint::{Accept, Acceptance, InviteCoJoiner, RemoveCoJoiner},
    organisation::{CheckCodeService, OrganisationAudit, OrganisationOverview},
    session::SessionStatus,
    staff::{
        ChangeNotices, HandleNotice, SendAllMailAgain, SendMailAgain, StaffApplication, StaffCommand, StaffMail,
        StaffQueue, TerminationNotices,
    },
    support::{AnswerSupportRequest, SendSupportRequest, SupportDesk, SupportRequest, TakeSupportRequest},
};
/// The trait whose `PATH` is a server function's address, prefix included.
pub use leptos::server_fn::ServerFn;
