//! The record a page shows, from its address (`/applications/:id`, `/billing/:id`, …).
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The `:id` of the route (0, which no record has, when it is not a number).
pub fn route_id() -> impl Fn() -> i32 + Clone + Send + Sync + 'static {
    let params = use_params_map();
    move || params.with(|p| p.get("id")).and_then(|id| id.parse::<i32>().ok()).unwrap_or(0)
}
