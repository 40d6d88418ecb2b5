//! Wizard answers kept on the device (IndexedDB) as the user types, so they survive a reload,
//! a closed tab and a lost network. One draft per wizard; nothing here is sent anywhere.
use crate::wizard::Answers;
use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue, closure::Closure};
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbRequest, IdbTransactionMode};

use super::DRAFTS;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    /// The step the user was on.
    pub step: String,
    pub answers: Answers,
    /// For a form the server keeps (an application): the server's version these answers were
    /// made on, so a later change by someone else is seen, not overwritten.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<i32>,
}

/// The draft of `wizard`, if this device has one.
pub async fn load(wizard: &str) -> Option<Draft> {
    let store = store(IdbTransactionMode::Readonly).await.ok()?;
    let value = done(&store.get(&JsValue::from_str(wizard)).ok()?).await.ok()?;
    serde_json::from_str(&value.as_string()?).ok()
}

/// Saves the draft of `wizard`. A device that refuses storage (private mode, full disk) still
/// has the answers in the address; nothing else depends on this succeeding. The first draft a
/// page keeps asks the browser to keep the store through storage pressure (`persist()`).
pub async fn save(wizard: &str, draft: &Draft) {
    let Ok(json) = serde_json::to_string(draft) else { return };
    if let Ok(store) = store(IdbTransactionMode::Readwrite).await
        && let Ok(request) = store.put_with_key(&JsValue::from_str(&json), &JsValue::from_str(wizard))
        && done(&request).await.is_ok()
    {
        ask_to_persist();
    }
}

/// Forgets the draft of `wizard` ("start over").
pub async fn remove(wizard: &str) {
    if let Ok(store) = store(IdbTransactionMode::Readwrite).await
        && let Ok(request) = store.delete(&JsValue::from_str(wizard))
    {
        let _ = done(&request).await;
    }
}

/// Forgets every draft on this device (the session ended: drafts hold people's names and
/// numbers). Other tabs are told by `versionchange` and let go of the store.
pub async fn forget_all() {
    let Some(factory) = web_sys::window().and_then(|w| w.indexed_db().ok().flatten()) else { return };
    if let Ok(request) = factory.delete_database(DRAFTS.database) {
        let _ = done(&request).await;
    }
}

fn ask_to_persist() {
    thread_local!(static ASKED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) });
    if ASKED.replace(true) {
        return;
    }
    // `navigator.storage.persist()`: where the browser has it, it may grant it or not; either way
    // the notice on the wizard says the answers are kept for a while, not forever.
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else { return };
    let persist = js_sys::Reflect::get(&navigator, &"storage".into())
        .ok()
        .filter(|storage| !storage.is_undefined())
        .and_then(|storage| Some((js_sys::Reflect::get(&storage, &"persist".into()).ok()?, storage)));
    if let Some((persist, storage)) = persist
        && let Some(persist) = persist.dyn_ref::<js_sys::Function>()
        && let Ok(asked) = persist.call0(&storage).and_then(|p| p.dyn_into::<js_sys::Promise>())
    {
        // Granted or not, and a refusal is no error: nothing waits for the answer.
        leptos::task::spawn_local(async move {
            let _ = JsFuture::from(asked).await;
        });
    }
}

/// How long opening the store may take before the page goes on without it.
const OPEN_PATIENCE_MS: i32 = 2000;

async fn store(mode: IdbTransactionMode) -> Result<web_sys::IdbObjectStore, JsValue> {
    let db = open().await?;
    let store = db.transaction_with_str_and_mode(DRAFTS.store, mode).and_then(|t| t.object_store(DRAFTS.store));
    // Closed once its transaction ends: no tab holds the store between saves, so a newer build
    // that raises the version, or a logout that deletes it, never waits for this one.
    db.close();
    store
}

/// Opens the store. A tab of an older build still holding it open would keep the open
/// `blocked`, and a deletion another tab waits on would hold it without a word: after
/// `OPEN_PATIENCE_MS` either way the draft is not kept, instead of the page waiting (and the
/// connection that opens later is closed at once).
async fn open() -> Result<IdbDatabase, JsValue> {
    let factory = web_sys::window().ok_or("no window")?.indexed_db()?.ok_or("no IndexedDB")?;
    let request = factory.open_with_u32(DRAFTS.database, DRAFTS.version)?;
    let upgrading = request.clone();
    let upgrade = Closure::once_into_js(move || {
        if let Ok(db) = upgrading.result().and_then(|r| r.dyn_into::<IdbDatabase>()) {
            let _ = db.create_object_store(DRAFTS.store);
        }
    });
    request.set_onupgradeneeded(Some(upgrade.unchecked_ref()));
    let gave_up = std::rc::Rc::new(std::cell::Cell::new(false));
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let (opened, late) = (request.clone(), gave_up.clone());
        let success = Closure::once_into_js(move || match opened.result().and_then(|r| r.dyn_into::<IdbDatabase>()) {
            Ok(db) if late.get() => db.close(),
            Ok(db) => drop(resolve.call1(&JsValue::NULL, &db)),
            Err(error) => drop(resolve.call1(&JsValue::NULL, &error)),
        });
        let refuse = reject.clone();
        let failure =
            Closure::once_into_js(move || drop(refuse.call1(&JsValue::NULL, &"IndexedDB open failed".into())));
        let (giving_up, refuse_blocked) = (gave_up.clone(), reject.clone());
        let blocked = Closure::once_into_js(move || {
            giving_up.set(true);
            drop(refuse_blocked.call1(&JsValue::NULL, &"IndexedDB open blocked by another tab".into()));
        });
        let late = gave_up.clone();
        let waited = Closure::once_into_js(move || {
            late.set(true);
            drop(reject.call1(&JsValue::NULL, &"IndexedDB open waited too long".into()));
        });
        request.set_onsuccess(Some(success.unchecked_ref()));
        request.set_onerror(Some(failure.unchecked_ref()));
        request.set_onblocked(Some(blocked.unchecked_ref()));
        if let Some(window) = web_sys::window() {
            let _ =
                window.set_timeout_with_callback_and_timeout_and_arguments_0(waited.unchecked_ref(), OPEN_PATIENCE_MS);
        }
    });
    let db = JsFuture::from(promise).await?.dyn_into::<IdbDatabase>()?;
    // Another tab deletes the store or opens a newer version: let go at once.
    let closing = db.clone();
    let close = Closure::once_into_js(move || closing.close());
    db.set_onversionchange(Some(close.unchecked_ref()));
    Ok(db)
}

/// The result of an IndexedDB request, once it has one.
async fn done(request: &IdbRequest) -> Result<JsValue, JsValue> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let ok = request.clone();
        let success = Closure::once_into_js(move || {
            let _ = resolve.call1(&JsValue::NULL, &ok.result().unwrap_or(JsValue::UNDEFINED));
        });
        let failure = Closure::once_into_js(move || {
            let _ = reject.call1(&JsValue::NULL, &JsValue::from_str("IndexedDB request failed"));
        });
        request.set_onsuccess(Some(success.unchecked_ref()));
        request.set_onerror(Some(failure.unchecked_ref()));
    });
    JsFuture::from(promise).await
}
