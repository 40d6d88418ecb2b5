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
/// has the answers in the address; nothing else depends on this succeeding.
pub async fn save(wizard: &str, draft: &Draft) {
    let Ok(json) = serde_json::to_string(draft) else { return };
    if let Ok(store) = store(IdbTransactionMode::Readwrite).await
        && let Ok(request) = store.put_with_key(&JsValue::from_str(&json), &JsValue::from_str(wizard))
    {
        let _ = done(&request).await;
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

async fn store(mode: IdbTransactionMode) -> Result<web_sys::IdbObjectStore, JsValue> {
    let db = open().await?;
    db.transaction_with_str_and_mode(DRAFTS.store, mode)?.object_store(DRAFTS.store)
}

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
    done(&request).await?.dyn_into::<IdbDatabase>()
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
