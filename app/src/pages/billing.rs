//! Billing (`/billing`): totals per year and service, the invoices, the CSV file; one invoice
//! (`/billing/<id>`), printable. Staff import invoices at `/staff/billing`.
use crate::{
    api::billing::{
        BillingCsv, BillingData, ImportBilling, ImportLine, InvoiceSummary, InvoiceView, TotalLine, billing,
        billing_imports, invoice,
    },
    components::{
        answered::Answered,
        history::History,
        pager::{PageLink, Pager},
        posted::PostedError,
        route::route_id,
        session::RequireLogin,
        table::{Column, DataTable},
        title::PageTitle,
    },
    domain::billing::HEADER,
    i18n::tr,
};
use leptos::{prelude::*, server_fn::ServerFn};
use leptos_router::hooks::use_query_map;

#[component]
pub fn Billing() -> impl IntoView {
    let query = leptos_router::hooks::use_query_map();
    let before = move || query.with(|q| q.get("before").unwrap_or_default());
    let data = Resource::new_blocking(before, billing);
    view! { <Answered heading=msg!("billing-heading") data page=|d| view! { <BillingPage data=d/> }/> }
}

#[component]
fn BillingPage(data: BillingData) -> impl IntoView {
    let none = data.invoices.is_empty();
    view! {
        <PageTitle text=t!("billing-heading")/>
        <h1>{t!("billing-heading")}</h1>
        <p class="lead">{data.organisation.clone()}</p>
        {if none {
            view! { <p id="no-invoices">{t!("billing-none")}</p> }.into_any()
        } else {
            view! {
                <Totals totals=data.totals/>
                <Invoices invoices=data.invoices older=data.older/>
            }
                .into_any()
        }}
    }
}

/// Totals per year and service.
#[component]
fn Totals(totals: Vec<TotalLine>) -> impl IntoView {
    let rows = totals
        .into_iter()
        .map(|t| {
            view! {
                <tr>
                    <td>{t.year}</td>
                    <td>{tr(t.service.message_id())}</td>
                    <td class="number">{t.total}</td>
                </tr>
            }
        })
        .collect_view();
    let columns = vec![
        Column::text(t!("billing-year")),
        Column::text(t!("billing-service")),
        Column::number(t!("billing-total")),
    ];
    view! {
        <section aria-labelledby="totals-heading">
            <h2 id="totals-heading">{t!("billing-totals-heading")}</h2>
            <DataTable labelled_by="totals-heading" id="billing-totals" class="data-table" columns>{rows}</DataTable>
        </section>
    }
}

/// One page of invoices, newest first, with links to older ones and the CSV file.
#[component]
fn Invoices(invoices: Vec<InvoiceSummary>, older: Option<i32>) -> impl IntoView {
    let rows = invoices
        .into_iter()
        .map(|i| {
            view! {
                <tr>
                    <td><a href=format!("/billing/{}", i.id)>{i.number}</a></td>
                    <td>{tr(i.service.message_id())}</td>
                    <td class="wide-only">{i.period}</td>
                    <td class="wide-only">{i.issued}</td>
                    <td>{i.due}</td>
                    <td class="number">{i.total}</td>
                </tr>
            }
        })
        .collect_view();
    let paged = leptos_router::hooks::use_query_map().with(|q| q.get("before").is_some());
    let columns = vec![
        Column::text(t!("invoice-number")),
        Column::text(t!("billing-service")),
        Column::wide_only(t!("invoice-period")),
        Column::wide_only(t!("invoice-issued")),
        Column::text(t!("invoice-due")),
        Column::number(t!("invoice-total")),
    ];
    view! {
        <section aria-labelledby="invoices-heading">
            <h2 id="invoices-heading">{t!("billing-invoices-heading")}</h2>
            <DataTable labelled_by="invoices-heading" id="invoices" class="data-table" columns>{rows}</DataTable>
            <Pager
                first=paged.then(|| PageLink::new("/billing#invoices-heading", "invoices-newest", t!("invoices-newest")))
                next=older.map(|id| {
                    PageLink::new(format!("/billing?before={id}#invoices-heading"), "invoices-older", t!("invoices-older"))
                })
            />
            <a class="button button--secondary" id="billing-csv" href=BillingCsv::url() download>{t!("billing-download")}</a>
        </section>
    }
}

#[component]
pub fn Invoice() -> impl IntoView {
    let data = Resource::new_blocking(route_id(), invoice);
    view! { <Answered heading=msg!("invoice-title") data page=|v| view! { <InvoicePage view=v/> }/> }
}

#[component]
fn InvoicePage(view: InvoiceView) -> impl IntoView {
    let s = view.summary.clone();
    let lines = view
        .lines
        .iter()
        .map(|l| {
            view! {
                <tr>
                    <td>{l.description.clone()}</td>
                    <td class="number">{l.quantity.clone()}</td>
                    <td class="number">{l.unit_price.clone()}</td>
                    <td class="number">{l.amount.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    let columns = vec![
        Column::text(t!("invoice-description")),
        Column::number(t!("invoice-quantity")),
        Column::number(t!("invoice-unit-price")),
        Column::number(t!("invoice-amount")),
    ];
    let foot = view! {
        <tr>
            <th scope="row" colspan="3">{t!("invoice-total")}</th>
            <td class="number" id="invoice-total">{s.total.clone()}</td>
        </tr>
    }
    .into_any();
    view! {
        <article class="invoice" id="invoice">
            <PageTitle text=t!("invoice-heading", number = s.number.clone())/>
            <h1 id="invoice-heading">{t!("invoice-heading", number = s.number.clone())}</h1>
            <dl class="invoice__facts">
                <dt>{t!("invoice-issuer")}</dt>
                <dd>{t!("invoice-issuer-name")}</dd>
                <dt>{t!("invoice-customer")}</dt>
                <dd>{view.organisation.clone()} " (" {view.business_id.clone()} ")"</dd>
                <dt>{t!("billing-service")}</dt>
                <dd>{tr(s.service.message_id())}</dd>
                <dt>{t!("invoice-period")}</dt>
                <dd>{s.period.clone()}</dd>
                <dt>{t!("invoice-issued")}</dt>
                <dd>{s.issued.clone()}</dd>
                <dt>{t!("invoice-due")}</dt>
                <dd>{s.due.clone()}</dd>
            </dl>
            <DataTable labelled_by="invoice-heading" id="invoice-lines" class="data-table" columns foot>
                {lines}
            </DataTable>
            <p class="no-print">
                <a class="button button--secondary" id="invoice-pdf" href=format!("{}?id={}", crate::api::billing::InvoicePdf::url(), s.id) download>
                    {t!("invoice-download")}
                </a>
            </p>
            <p class="no-print hint" id="print-hint">{t!("invoice-print-hint")}</p>
            <p class="no-print"><a href="/billing">{t!("invoice-back")}</a></p>
            <div class="no-print"><History lines=view.history.clone()/></div>
        </article>
    }
}

/// Staff: import invoices from a CSV file; the format is documented on the page.
#[component]
pub fn StaffBilling() -> impl IntoView {
    let query = use_query_map();
    let imported = query.with_untracked(|q| q.get("imported"));
    // Made here, outside the login check, so the server waits for it before it answers.
    let imports = Resource::new_blocking(|| (), |_| billing_imports());
    view! {
        <RequireLogin>
            <div class="page">
                <PageTitle text=t!("import-heading")/>
                <h1>{t!("import-heading")}</h1>
                <PostedError/>
                {imported.clone().map(|n| view! { <p class="notice notice--success" role="status" id="imported">{t!("import-done", count = n)}</p> })}
                <section class="card">
                    <h2 id="import-format-heading">{t!("import-format-heading")}</h2>
                    <p>{t!("import-format")}</p>
                    <pre class="csv-header" tabindex="0" role="group" aria-labelledby="import-format-heading"><code>{HEADER.join(";")}</code></pre>
                    <p>{t!("import-format-rules")}</p>
                    <form id="import" method="post" action=ImportBilling::url() enctype="multipart/form-data">
                        <div class="field">
                            <label for="import-file">{t!("import-file")}</label>
                            <input id="import-file" name="file" type="file" accept=".csv,text/csv" required/>
                        </div>
                        <button type="submit" class="button button--primary" id="import-submit">{t!("import-submit")}</button>
                    </form>
                </section>
                <Suspense>{move || imports.get().map(|answer| view! { <Imports lines=answer.unwrap_or_default()/> })}</Suspense>
            </div>
        </RequireLogin>
    }
}

/// The files imported so far: when, by whom, which file (its SHA-256) and how many rows.
#[component]
fn Imports(lines: Vec<ImportLine>) -> impl IntoView {
    let rows = lines
        .into_iter()
        .map(|i| {
            view! {
                <tr>
                    <td>{i.at}</td>
                    <td>{i.who}</td>
                    <td>{i.file_name}<br/><code class="hash">{i.file_hash}</code></td>
                    <td class="number">{i.rows}</td>
                </tr>
            }
        })
        .collect_view();
    let columns = vec![
        Column::text(t!("imports-at")),
        Column::text(t!("imports-who")),
        Column::text(t!("imports-file")),
        Column::number(t!("imports-rows")),
    ];
    view! {
        <section aria-labelledby="imports-heading">
            <h2 id="imports-heading">{t!("imports-heading")}</h2>
            <DataTable labelled_by="imports-heading" id="imports" class="data-table" columns>{rows}</DataTable>
        </section>
    }
}
