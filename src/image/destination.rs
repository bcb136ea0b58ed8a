//! Where synced images go: one Glance (a region of a cloud) with its own session, the records it has in the
//! making, and how archives go into it: a direct upload (`PUT .../file`), or Glance's import API for clouds that
//! refuse direct uploads (`PUT .../stage`, then `glance-direct`), and `copy-image` to further stores.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::error::{ExitCode, Failure};
use crate::feedback::Feedback;
use crate::openstack::glance::{self, Put};
use crate::openstack::{Session, glance::Image};

/// Glance IDs created and not yet complete: deleted when the command fails or is interrupted.
pub type Pending = Arc<Mutex<Vec<String>>>;

/// How archives go into a Glance (`--upload-method`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UploadMethod {
    /// A direct upload; the import API (`glance-direct`) once Glance refuses one by policy and offers it.
    Auto,
    Direct,
    GlanceDirect,
}

impl std::str::FromStr for UploadMethod {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "auto" => Ok(UploadMethod::Auto),
            "direct" => Ok(UploadMethod::Direct),
            "glance-direct" => Ok(UploadMethod::GlanceDirect),
            _ => Err(format!("`{s}` is no upload method: `auto`, `direct` or `glance-direct`")),
        }
    }
}

/// One Glance images go to.
pub struct Destination {
    /// As the `destination` column shows it: `CLOUD/REGION` (`/REGION` for a cloud without a name).
    pub label: String,
    pub session: Session,
    pub pending: Pending,
    method: Mutex<UploadMethod>,
    /// `--stores`: the stores of a multi-store Glance every image must be in.
    pub stores: Vec<String>,
    /// Every docker image here, listed once for a bulk run (`sync::settle`); only those of [`Self::bulk_names`]
    /// when they are set.
    pub known: tokio::sync::OnceCell<Vec<Image>>,
    /// The Glance names a bulk run without mirror mode syncs: its listing asks for these alone.
    pub bulk_names: std::sync::OnceLock<Vec<String>>,
}

impl std::fmt::Debug for Destination {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Destination").field("label", &self.label).field("stores", &self.stores).finish()
    }
}

/// A comma-separated list Glance keeps in an image attribute (`stores`, `os_glance_failed_import`, ...).
fn listed(img: &Image, key: &str) -> Vec<String> {
    let v = img.extra.get(key).and_then(Value::as_str).unwrap_or_default();
    v.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect()
}

/// How long an import may take before berth gives up on it.
const IMPORT_TIMEOUT: Duration = Duration::from_secs(3600);

impl Destination {
    pub fn new(label: String, session: Session, method: UploadMethod, stores: Vec<String>) -> Destination {
        Destination {
            label,
            session,
            pending: Arc::default(),
            method: Mutex::new(method),
            stores,
            known: tokio::sync::OnceCell::new(),
            bulk_names: std::sync::OnceLock::new(),
        }
    }

    fn method(&self) -> UploadMethod {
        *self.method.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Before anything is created: the stores asked for exist here, and so does `glance-direct` when asked for.
    pub async fn check(&self) -> anyhow::Result<()> {
        if !self.stores.is_empty() {
            let have = glance::stores(&self.session).await?;
            let Some(have) = have else {
                return Err(Failure::usage(format!("`--stores`: the Glance of `{}` has a single store", self.label))
                    .hint("leave `--stores` out for this destination")
                    .into());
            };
            if let Some(missing) = self.stores.iter().find(|s| !have.contains(s)) {
                return Err(Failure::usage(format!(
                    "`--stores`: the Glance of `{}` has no store `{missing}`",
                    self.label
                ))
                .hint(format!("its stores: {}", have.join(", ")))
                .into());
            }
        }
        if self.method() == UploadMethod::GlanceDirect {
            self.offers("glance-direct").await?;
        }
        Ok(())
    }

    /// Fails unless this Glance offers the import method `method`.
    async fn offers(&self, method: &str) -> anyhow::Result<()> {
        let methods = glance::import_methods(&self.session).await?;
        if methods.iter().any(|m| m == method) {
            return Ok(());
        }
        Err(Failure::new(
            ExitCode::Failure,
            format!(
                "the Glance of `{}` does not offer the import method `{method}` (it offers: {})",
                self.label,
                if methods.is_empty() { "none".to_string() } else { methods.join(", ") }
            ),
        )
        .hint(
            "its operator enables it with `enabled_import_methods` in glance-api.conf; or use `--upload-method direct`",
        )
        .into())
    }

    /// After a direct upload into the record `id` failed with `e`: whether that was Glance refusing direct uploads
    /// by policy. Glance answers the refusal before it reads the body and closes the connection, so the client may
    /// see the broken pipe rather than the 403: then an empty upload into the same record (which is about to be
    /// deleted anyway) asks the question again, and its answer is read.
    pub async fn refused(&self, id: &str, e: &anyhow::Error) -> bool {
        if self.method() == UploadMethod::GlanceDirect {
            return false;
        }
        let cut_off = crate::error::failure(e).is_some_and(|f| f.transport.is_some());
        e.downcast_ref::<glance::Refused>().is_some() || (cut_off && self.refuses_direct(id).await)
    }

    /// After a refused direct upload: with `auto`, where Glance offers `glance-direct`, archives go there through
    /// the import API from now on (true); else the refusal as the error, with what to do.
    pub async fn switch_to_import(&self, feedback: &Feedback) -> Result<(), Failure> {
        let offered = self.offers("glance-direct").await.is_ok();
        if self.method() == UploadMethod::Auto && offered {
            *self.method.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = UploadMethod::GlanceDirect;
            feedback.warn(
                &format!(
                    "the Glance of `{}` refuses direct uploads: using its import API (`glance-direct`)",
                    self.label
                ),
                Some("say `--upload-method glance-direct` to skip the direct try (which reads the first image twice)"),
            );
            return Ok(());
        }
        let hint = if offered {
            "it offers the import API: use `--upload-method glance-direct` (or `auto`)"
        } else {
            "it offers no import method berth can use either: ask the cloud's operator to allow `upload_image`"
        };
        Err(Failure::new(
            ExitCode::Auth,
            format!("the Glance of `{}` refuses direct uploads (HTTP 403, by its policy)", self.label),
        )
        .hint(hint))
    }

    /// Whether Glance refuses a direct upload into `id` by policy, asked with an empty body.
    async fn refuses_direct(&self, id: &str) -> bool {
        let empty = reqwest::Body::from(Vec::<u8>::new());
        glance::put_data(&self.session, id, Put::File, empty, Some(0), None)
            .await
            .is_err_and(|e| e.downcast_ref::<glance::Refused>().is_some())
    }

    /// Send `body` (of `len` bytes, when known) into the new record `id`, as this Glance takes data: uploaded,
    /// or staged and imported (and waited for). The stores come after, with [`Destination::copy_to_stores`].
    pub async fn send(&self, id: &str, body: reqwest::Body, len: Option<u64>) -> anyhow::Result<()> {
        let store = self.stores.first().map(String::as_str);
        match self.method() {
            UploadMethod::Auto | UploadMethod::Direct => {
                glance::put_data(&self.session, id, Put::File, body, len, store).await
            }
            UploadMethod::GlanceDirect => {
                glance::put_data(&self.session, id, Put::Stage, body, len, None).await?;
                let stores: Vec<String> = self.stores.iter().take(1).cloned().collect();
                glance::import(&self.session, id, "glance-direct", &stores).await?;
                self.wait_for_import(id, "glance-direct", &stores).await.map(drop)
            }
        }
    }

    /// `copy-image` into the `--stores` beyond the first (the upload's) that do not hold the image yet (Glance
    /// refuses a copy to a store that has it), waited for.
    pub async fn copy_to_stores(&self, id: &str) -> anyhow::Result<()> {
        if self.stores.len() < 2 {
            return Ok(());
        }
        let held = listed(&glance::get(&self.session, id).await?, "stores");
        let more: Vec<String> = self.stores.iter().skip(1).filter(|s| !held.contains(s)).cloned().collect();
        if more.is_empty() {
            return Ok(());
        }
        glance::import(&self.session, id, "copy-image", &more).await?;
        self.wait_for_import(id, "copy-image", &more).await.map(drop)
    }

    /// Wait until Glance's import of `id` is done: active, in every store of `stores`, none failed.
    async fn wait_for_import(&self, id: &str, method: &str, stores: &[String]) -> anyhow::Result<Image> {
        let start = Instant::now();
        let mut pause = Duration::from_millis(200);
        loop {
            let img = glance::get(&self.session, id).await?;
            let list = |key: &str| listed(&img, key);
            let failed = list("os_glance_failed_import");
            // A `glance-direct` import that fails puts the image back to `queued` (its staged data gone).
            let back = method == "glance-direct" && img.status == "queued";
            if !failed.is_empty() || back || matches!(img.status.as_str(), "killed" | "deleted" | "deactivated") {
                return Err(Failure::new(
                    ExitCode::Failure,
                    format!(
                        "Glance's `{method}` import of image `{id}` at `{}` failed (status `{}`, failed stores: {})",
                        self.label,
                        img.status,
                        if failed.is_empty() { "none".to_string() } else { failed.join(", ") }
                    ),
                )
                .hint("the Glance API's log says why (the staging area's free space, the store's)")
                .into());
            }
            let held = list("stores");
            let importing = list("os_glance_importing_to_stores");
            // The image turns active a moment before its import task ends (a copy-image sent then gets 409).
            let task = img.extra.get("os_glance_import_task").and_then(Value::as_str).is_some_and(|t| !t.is_empty());
            if img.status == "active" && importing.is_empty() && !task && stores.iter().all(|s| held.contains(s)) {
                return Ok(img);
            }
            if start.elapsed() > IMPORT_TIMEOUT {
                return Err(Failure::new(
                    ExitCode::Timeout,
                    format!(
                        "Glance's `{method}` import of image `{id}` is not done after {} s",
                        IMPORT_TIMEOUT.as_secs()
                    ),
                )
                .into());
            }
            tokio::time::sleep(pause).await;
            pause = (pause * 2).min(Duration::from_secs(2));
        }
    }
}
