//! Staff's queue at volume: pages of 50, each application once, a decision between two pages,
//! links without JavaScript, and the service filter's own index.
use crate::common::{
    TestApp,
    api::{ServerFn, StaffQueue},
    browser::{Browser, log_in},
};
use app::{backend::entities::application, domain::application::State};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

/// At volume the queue comes 50 at a time, oldest change first, each application once, with
/// links that keep the filters; the service filter is read from its own index.
pub(super) async fn staff_read_the_queue_a_page_at_a_time(app: TestApp) {
    server::seed::seed(&app.db, server::seed::Volume { organisations: 40, years: 2 }).await.unwrap();
    let staff = Browser::new(&app.base);
    log_in(&staff, "p10").await;
    let all = each_application_once(&app, &staff).await;
    a_decision_between_two_pages(&app, &staff, &all).await;
    links_keep_the_filters(&staff).await;
    the_service_filter_reads_its_index(&app).await;
}

/// Every application in the queue of `service` (all services when empty), page by page: each
/// one's id and services, and the pages' sizes.
async fn all_of(staff: &Browser, service: &str) -> (Vec<(i64, String)>, Vec<usize>) {
    let (mut seen, mut after, mut sizes) = (Vec::new(), String::new(), Vec::new());
    loop {
        let fields = [("service", service), ("state", "all"), ("min_age", ""), ("after", after.as_str())];
        let (status, body) = staff.call(StaffQueue::PATH, &fields).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let page: serde_json::Value = serde_json::from_str(&body).unwrap();
        let lines = page["lines"].as_array().unwrap();
        sizes.push(lines.len());
        seen.extend(lines.iter().map(|l| {
            (l["application"]["id"].as_i64().unwrap(), l["application"]["services"].to_string().to_lowercase())
        }));
        match page["next"].as_str() {
            Some(next) => after = next.to_string(),
            None => break,
        }
    }
    (seen, sizes)
}

/// The whole queue, 50 a page, each sent application once, and imaging's part of it; returns
/// the whole queue in order.
async fn each_application_once(app: &TestApp, staff: &Browser) -> Vec<(i64, String)> {
    let (all, sizes) = all_of(staff, "").await;
    let expected = application::Entity::find()
        .filter(application::Column::State.ne(State::Draft.code()))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(all.len() as u64, expected, "{sizes:?}");
    assert!(sizes.len() >= 3 && sizes[..sizes.len() - 1].iter().all(|n| *n == 50), "{sizes:?}");
    let ids: std::collections::BTreeSet<i64> = all.iter().map(|(id, _)| *id).collect();
    assert_eq!(ids.len(), all.len(), "each application once");
    let (imaging, _) = all_of(staff, "imaging").await;
    assert!(!imaging.is_empty() && imaging.iter().all(|(_, services)| services.contains("imaging")));
    assert_eq!(imaging.len(), all.iter().filter(|(_, services)| services.contains("imaging")).count());
    all
}

/// A decision given between two pages moves the page's last application to the end of the
/// queue; the next page still continues where the first one ended.
async fn a_decision_between_two_pages(app: &TestApp, staff: &Browser, all: &[(i64, String)]) {
    let fields = |after: &str| {
        [("service", ""), ("state", "all"), ("min_age", ""), ("after", after)].map(|(k, v)| (k, v.to_string()))
    };
    let (_, body) = staff.call(StaffQueue::PATH, &fields("")).await;
    let first: serde_json::Value = serde_json::from_str(&body).unwrap();
    let last = first["lines"][49]["application"]["id"].as_i64().unwrap() as i32;
    application::Entity::update_many()
        .col_expr(application::Column::UpdatedAt, sea_orm::sea_query::Expr::value(chrono::Utc::now()))
        .filter(application::Column::Id.eq(last))
        .exec(&app.db)
        .await
        .unwrap();
    let (_, body) = staff.call(StaffQueue::PATH, &fields(first["next"].as_str().unwrap())).await;
    let second: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(second["lines"].as_array().map(Vec::len), Some(50), "{body}");
    assert_eq!(second["lines"][0]["application"]["id"], all[50].0, "{body}");
}

/// Without JavaScript: the next page's link keeps the filters, and that page links back.
async fn links_keep_the_filters(staff: &Browser) {
    let first = staff.get("/staff?service=&state=all&age=").await;
    let next = first.body.split("id=\"queue-next\"").next().and_then(|b| b.rsplit("href=\"").next()).unwrap();
    let next = next.split('"').next().unwrap().replace("&amp;", "&");
    assert!(next.starts_with("/staff?service=&state=all&age=&after="), "{next}");
    let second = staff.get(&next).await;
    assert!(second.body.contains("id=\"queue-first\""), "{}", second.body);
}

/// The service filter reads its partial index (PostgreSQL told not to scan the small table).
async fn the_service_filter_reads_its_index(app: &TestApp) {
    use app::domain::services::KantaService;
    use sea_orm::{ConnectionTrait, Statement, TransactionTrait};
    let sql = format!(
        "SELECT id FROM application WHERE state IN ('submitted') AND {} ORDER BY updated_at, id LIMIT 51",
        app::backend::staff_queue::for_service(KantaService::Imaging)
    );
    let backend = app.db.get_database_backend();
    if backend == sea_orm::DatabaseBackend::Postgres {
        // Statistics as autovacuum would leave them, whenever it runs.
        app.db.execute_unprepared("ANALYZE application").await.unwrap();
    }
    let txn = app.db.begin().await.unwrap();
    let explain = if backend == sea_orm::DatabaseBackend::Postgres {
        txn.execute_unprepared("SET LOCAL enable_seqscan = off").await.unwrap();
        format!("EXPLAIN {sql}")
    } else {
        format!("EXPLAIN QUERY PLAN {sql}")
    };
    let plan: Vec<String> = txn
        .query_all_raw(Statement::from_string(backend, explain))
        .await
        .unwrap()
        .iter()
        .map(|row| {
            row.try_get_by_index::<String>(if backend == sea_orm::DatabaseBackend::Postgres { 0 } else { 3 }).unwrap()
        })
        .collect();
    assert!(plan.iter().any(|line| line.contains("application_queue_imaging")), "{plan:?}");
}
