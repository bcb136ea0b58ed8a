//! Glance (image service v2): the calls berth makes.

use serde::Deserialize;
use serde_json::{Map, Value};

use crate::error::{ExitCode, Failure};
use crate::net::body;
use crate::net::pages::Pages;
use crate::openstack::{Session, check};

/// An image as Glance v2 returns it; custom properties are top-level string keys and kept in `extra`.
#[derive(Debug, Clone, Deserialize)]
pub struct Image {
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    pub status: String,
    #[serde(default)]
    pub container_format: Option<String>,
    #[serde(default)]
    pub disk_format: Option<String>,
    #[serde(default)]
    pub size: Option<u64>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub visibility: Option<String>,
    #[serde(default)]
    pub created_at: Option<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Glance's own image attributes (its image schema's base properties): not free-form properties, so `--property`
/// cannot set them (Glance answers 403 or 400 with little to go on).
pub const ATTRIBUTES: &[&str] = &[
    "id",
    "name",
    "status",
    "visibility",
    "protected",
    "os_hidden",
    "checksum",
    "os_hash_algo",
    "os_hash_value",
    "owner",
    "size",
    "virtual_size",
    "container_format",
    "disk_format",
    "created_at",
    "updated_at",
    "tags",
    "direct_url",
    "min_ram",
    "min_disk",
    "self",
    "file",
    "schema",
    "locations",
    "stores",
];

#[derive(Deserialize)]
struct Page {
    images: Vec<Image>,
    next: Option<String>,
}

/// All images matching the Glance query `filters` (e.g. `container_format=docker`), following `next` links to an
/// end (a link back to a page read already, or over [`crate::net::pages::MAX_PAGES`] pages, is an error).
pub async fn list(session: &Session, filters: &[(&str, &str)]) -> anyhow::Result<Vec<Image>> {
    let mut images = Vec::new();
    let mut query: Vec<(String, String)> = filters.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    if !filters.iter().any(|(k, _)| *k == "limit") {
        query.push(("limit".into(), "200".into()));
    }
    let endpoint = session.endpoint("image")?;
    let mut path = "/v2/images".to_string();
    let mut pages = Pages::new("Glance's image list", &path);
    loop {
        let q = query.clone();
        let resp = session.request(reqwest::Method::GET, "image", &path, |r| r.query(&q)).await?;
        let page: Page = body::json(check(resp, "listing Glance images").await?, body::PAGE).await?;
        images.extend(page.images);
        match page.next {
            // `next` already carries the query, relative to the endpoint root.
            Some(next) => {
                next_path(&endpoint, &next)?;
                pages.next(&next)?;
                path = next;
                query.clear();
            }
            None => return Ok(images),
        }
    }
}

/// Check Glance's `next` link before the token goes with it: a path (one `/` first, no scheme, no authority, no
/// `@`, `\`, space or control character) that, appended to the image endpoint as Glance means it, stays on the
/// endpoint's origin. A `next` of `@evil.example/x` would otherwise turn the endpoint's host into a user name
/// and send the token to `evil.example`.
fn next_path(endpoint: &str, next: &str) -> anyhow::Result<()> {
    let refuse = |why: &str| -> anyhow::Error {
        Failure::new(
            ExitCode::Failure,
            format!("Glance at `{endpoint}` sent the next-page link `{next}`, which {why}; berth does not follow it"),
        )
        .hint("Glance's `next` is a path under its endpoint, like `/v2/images?marker=ID`; tell the cloud's operator")
        .into()
    };
    if !next.starts_with('/') || next.starts_with("//") {
        return Err(refuse("is not a path starting with a single `/`"));
    }
    if next.chars().any(|c| matches!(c, '@' | '\\' | ' ') || c.is_control()) {
        return Err(refuse("holds `@`, `\\`, a space or a control character"));
    }
    let base = reqwest::Url::parse(endpoint).map_err(|_| refuse("cannot be resolved"))?;
    let url = reqwest::Url::parse(&format!("{endpoint}{next}")).map_err(|_| refuse("is not a URL path"))?;
    if url.origin() != base.origin() || url.username() != "" || url.password().is_some() {
        return Err(refuse("leads off the image endpoint's host"));
    }
    Ok(())
}

/// What a new image record says before any data is uploaded.
#[derive(Debug, Clone)]
pub struct NewImage {
    /// The ID to create it with (a client may choose it; Glance refuses one that exists or existed: 409).
    pub id: Option<String>,
    /// Created hidden (`os_hidden`): invisible to default listings until made visible.
    pub hidden: bool,
    pub name: String,
    pub visibility: String,
    pub tags: Vec<String>,
    /// Custom properties (Glance stores them as top-level string keys).
    pub properties: std::collections::BTreeMap<String, String>,
}

/// `POST /v2/images`: a `container_format=docker`, `disk_format=raw` record in `queued` state; `None` when its
/// chosen ID is taken (HTTP 409: an image has or had it).
pub async fn create(session: &Session, new: &NewImage) -> anyhow::Result<Option<Image>> {
    let mut body = Map::new();
    if let Some(id) = &new.id {
        body.insert("id".into(), Value::from(id.clone()));
    }
    if new.hidden {
        body.insert("os_hidden".into(), Value::from(true));
    }
    body.insert("name".into(), Value::from(new.name.clone()));
    body.insert("container_format".into(), Value::from("docker"));
    body.insert("disk_format".into(), Value::from("raw"));
    body.insert("visibility".into(), Value::from(new.visibility.clone()));
    body.insert("tags".into(), Value::from(new.tags.clone()));
    for (k, v) in &new.properties {
        body.insert(k.clone(), Value::from(v.clone()));
    }
    let body = Value::Object(body);
    let resp = session.request(reqwest::Method::POST, "image", "/v2/images", |r| r.json(&body)).await?;
    if new.id.is_some() && resp.status() == reqwest::StatusCode::CONFLICT {
        return Ok(None);
    }
    Ok(Some(
        body::json(check(resp, &format!("creating the Glance image `{}`", new.name)).await?, body::DOCUMENT).await?,
    ))
}

/// Where the data of a new image goes: `file`, a direct upload; `stage`, the import API's staging area (then
/// [`import`] `glance-direct`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Put {
    File,
    Stage,
}

/// Glance refused the data by policy (HTTP 403): a cloud that allows only its import API does this to direct
/// uploads.
#[derive(Debug)]
pub struct Refused;

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Glance refuses direct uploads here (HTTP 403)")
    }
}

/// `PUT /v2/images/{id}/file` (or `/stage`) with a streamed body: of exactly `len` bytes when known, else chunked
/// (which Glance's WSGI server reads); into `store` when the Glance has several. A 403 carries [`Refused`].
pub async fn put_data(
    session: &Session,
    id: &str,
    put: Put,
    body: reqwest::Body,
    len: Option<u64>,
    store: Option<&str>,
) -> anyhow::Result<()> {
    let part = if put == Put::File { "file" } else { "stage" };
    let resp = session
        .request_once(reqwest::Method::PUT, "image", &format!("/v2/images/{id}/{part}"), |r| {
            let mut r = r.header("Content-Type", "application/octet-stream");
            if let Some(len) = len {
                r = r.header("Content-Length", len);
            }
            if let Some(store) = store {
                r = r.header("X-Image-Meta-Store", store);
            }
            r.body(body)
        })
        .await?;
    let refused = put == Put::File && resp.status() == reqwest::StatusCode::FORBIDDEN;
    let what = if put == Put::File { "uploading the data of" } else { "staging the data of" };
    let checked = check(resp, &format!("{what} Glance image `{id}`")).await;
    match checked {
        Err(e) if refused => Err(e.context(Refused)),
        other => other.map(drop),
    }
}

/// The import methods Glance offers (`GET /v2/info/import`): `glance-direct`, `web-download`, `copy-image`...;
/// none for a Glance without the import API.
pub async fn import_methods(session: &Session) -> anyhow::Result<Vec<String>> {
    let resp = session.request(reqwest::Method::GET, "image", "/v2/info/import", |r| r).await?;
    if matches!(resp.status().as_u16(), 404 | 410) {
        return Ok(vec![]);
    }
    let v: Value = body::json(check(resp, "reading Glance's import methods").await?, body::DOCUMENT).await?;
    Ok(strings(&v["import-methods"]["value"]))
}

/// The stores of a multi-store Glance (`GET /v2/info/stores`), the default first; `None` for a Glance with one.
pub async fn stores(session: &Session) -> anyhow::Result<Option<Vec<String>>> {
    let resp = session.request(reqwest::Method::GET, "image", "/v2/info/stores", |r| r).await?;
    if matches!(resp.status().as_u16(), 404 | 410) {
        return Ok(None);
    }
    let v: Value = body::json(check(resp, "reading Glance's stores").await?, body::DOCUMENT).await?;
    let list = v["stores"].as_array().cloned().unwrap_or_default();
    let mut ids: Vec<(bool, String)> = list
        .iter()
        // Glance 33 says `"default": "true"`, a string; a boolean is read too.
        .filter_map(|s| {
            let default = s["default"].as_bool() == Some(true) || s["default"].as_str() == Some("true");
            Some((!default, s["id"].as_str()?.to_string()))
        })
        .collect();
    ids.sort();
    Ok(Some(ids.into_iter().map(|(_, id)| id).collect()))
}

/// `POST /v2/images/{id}/import` with `method` (`glance-direct` after staging, `copy-image` for an active
/// image), into `stores` when given (every one must succeed).
pub async fn import(session: &Session, id: &str, method: &str, stores: &[String]) -> anyhow::Result<()> {
    let mut body = serde_json::json!({"method": {"name": method}});
    if !stores.is_empty() {
        body["stores"] = Value::from(stores.to_vec());
        body["all_stores_must_succeed"] = Value::from(true);
    }
    let resp =
        session.request(reqwest::Method::POST, "image", &format!("/v2/images/{id}/import"), |r| r.json(&body)).await?;
    check(resp, &format!("importing Glance image `{id}` ({method})")).await?;
    Ok(())
}

/// `POST /v2/images` of a disk image (a VM or COE node image): `bare` container, `disk_format` as given.
pub async fn create_disk(
    session: &Session,
    name: &str,
    disk_format: &str,
    properties: &std::collections::BTreeMap<String, String>,
) -> anyhow::Result<Image> {
    let mut body = Map::new();
    body.insert("name".into(), Value::from(name));
    body.insert("container_format".into(), Value::from("bare"));
    body.insert("disk_format".into(), Value::from(disk_format));
    for (k, v) in properties {
        body.insert(k.clone(), Value::from(v.clone()));
    }
    let body = Value::Object(body);
    let resp = session.request(reqwest::Method::POST, "image", "/v2/images", |r| r.json(&body)).await?;
    body::json(check(resp, &format!("creating the Glance image `{name}`")).await?, body::DOCUMENT).await
}

/// `web-download`: Glance fetches the image's data from `uri` itself.
pub async fn import_uri(session: &Session, id: &str, uri: &str) -> anyhow::Result<()> {
    let body = serde_json::json!({"method": {"name": "web-download", "uri": uri}});
    let resp =
        session.request(reqwest::Method::POST, "image", &format!("/v2/images/{id}/import"), |r| r.json(&body)).await?;
    check(resp, &format!("importing Glance image `{id}` from `{uri}` (web-download)")).await?;
    Ok(())
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array().map(|a| a.iter().filter_map(Value::as_str).map(str::to_string).collect()).unwrap_or_default()
}

/// An image by ID; `None` when Glance has none (404: never was, deleted, or not visible to this project).
pub async fn find(session: &Session, id: &str) -> anyhow::Result<Option<Image>> {
    let resp = session.request(reqwest::Method::GET, "image", &format!("/v2/images/{id}"), |r| r).await?;
    if resp.status() == reqwest::StatusCode::NOT_FOUND {
        return Ok(None);
    }
    Ok(Some(body::json(check(resp, &format!("reading Glance image `{id}`")).await?, body::DOCUMENT).await?))
}

pub async fn get(session: &Session, id: &str) -> anyhow::Result<Image> {
    let resp = session.request(reqwest::Method::GET, "image", &format!("/v2/images/{id}"), |r| r).await?;
    body::json(check(resp, &format!("reading Glance image `{id}`")).await?, body::DOCUMENT).await
}

/// Delete an image; one that is already gone counts as deleted.
pub async fn delete(session: &Session, id: &str) -> anyhow::Result<()> {
    let resp = session.request(reqwest::Method::DELETE, "image", &format!("/v2/images/{id}"), |r| r).await?;
    if resp.status() == reqwest::StatusCode::NOT_FOUND {
        return Ok(());
    }
    check(resp, &format!("deleting Glance image `{id}`")).await?;
    Ok(())
}

impl Image {
    /// A custom property's value.
    pub fn property(&self, key: &str) -> Option<&str> {
        self.extra.get(key).and_then(Value::as_str)
    }

    /// Hidden from default listings (`os_hidden`): an older version of a synced image.
    pub fn hidden(&self) -> bool {
        self.extra.get("os_hidden").and_then(Value::as_bool).unwrap_or(false)
    }
}

/// Images named exactly `name`. Glance reads `name=a:b` as operator `a`, so the name is quoted in an `in:` list.
pub async fn by_name(session: &Session, name: &str) -> anyhow::Result<Vec<Image>> {
    let filter = name_filter(name);
    Ok(list(session, &[("name", &filter)]).await?.into_iter().filter(|i| i.name.as_deref() == Some(name)).collect())
}

/// One JSON-patch operation for [`patch`].
pub fn op(op: &str, path: &str, value: Value) -> Value {
    serde_json::json!({ "op": op, "path": path, "value": value })
}

/// `PATCH /v2/images/{id}` with a Glance v2.1 JSON patch (`add` replaces an existing property).
pub async fn patch(session: &Session, id: &str, ops: &[Value]) -> anyhow::Result<Image> {
    let body = Value::Array(ops.to_vec());
    let resp = session
        .request(reqwest::Method::PATCH, "image", &format!("/v2/images/{id}"), |r| {
            r.header("Content-Type", "application/openstack-images-v2.1-json-patch").body(body.to_string())
        })
        .await?;
    body::json(check(resp, &format!("updating Glance image `{id}`")).await?, body::DOCUMENT).await
}

/// Images named exactly `name`, hidden ones (`os_hidden`, older versions) included: two queries. With `own`, of
/// the session's project only (what a sync makes versions among); else every one the identity sees (an admin's
/// `image history` or `prune` of another project's image).
pub async fn by_name_all_versions(session: &Session, name: &str, own: bool) -> anyhow::Result<Vec<Image>> {
    let filter = name_filter(name);
    let mut filters = vec![("name", filter.as_str())];
    let own = if own { self::own(session) } else { None };
    filters.extend(own.as_ref().map(|o| ("owner", o.as_str())));
    Ok(list_all_versions(session, &filters).await?.into_iter().filter(|i| i.name.as_deref() == Some(name)).collect())
}

/// The visible images of the session's project named exactly `name`.
pub async fn own_by_name(session: &Session, name: &str) -> anyhow::Result<Vec<Image>> {
    let filter = name_filter(name);
    let mut filters = vec![("name", filter.as_str())];
    let own = own(session);
    filters.extend(own.as_ref().map(|o| ("owner", o.as_str())));
    Ok(list(session, &filters).await?.into_iter().filter(|i| i.name.as_deref() == Some(name)).collect())
}

/// Every docker image of the session's project, hidden ones too, `limit` a page.
pub async fn own_docker_images(session: &Session, limit: &str) -> anyhow::Result<Vec<Image>> {
    let mut filters = vec![("container_format", "docker"), ("limit", limit)];
    let own = own(session);
    filters.extend(own.as_ref().map(|o| ("owner", o.as_str())));
    list_all_versions(session, &filters).await
}

/// The docker images of the session's project named one of `names`, hidden ones too. The names go in `name=in:`
/// lists short enough for any URL limit ([`names_in`]), so what this costs follows the names asked for, not the
/// project's other images (Glance spends about a millisecond on each image it lists).
pub async fn own_docker_images_named(session: &Session, names: &[String]) -> anyhow::Result<Vec<Image>> {
    use futures_util::{StreamExt, TryStreamExt};
    let own = own(session);
    let pages: Vec<Vec<Image>> = futures_util::stream::iter(names_in(names))
        .map(|filter| {
            let own = own.clone();
            async move {
                let mut filters = vec![("container_format", "docker"), ("limit", "1000"), ("name", filter.as_str())];
                filters.extend(own.as_ref().map(|o| ("owner", o.as_str())));
                list_all_versions(session, &filters).await
            }
        })
        .buffer_unordered(NAMES_QUERIES_AT_ONCE)
        .try_collect()
        .await?;
    let wanted: std::collections::HashSet<&str> = names.iter().map(String::as_str).collect();
    Ok(pages.into_iter().flatten().filter(|i| i.name.as_deref().is_some_and(|n| wanted.contains(n))).collect())
}

/// Characters of one `name=in:` filter before it is URL-encoded (quotes become `%22`, `/` `%2F`: at worst three
/// times as long, 6,000): under the 8 KiB request line of eventlet (Glance's server) and most proxies.
const NAMES_FILTER_MAX: usize = 2000;

/// `name=in:` queries in flight at once.
const NAMES_QUERIES_AT_ONCE: usize = 4;

/// `names` as Glance `name=in:"a","b"` filters of at most [`NAMES_FILTER_MAX`] characters each (a longer single
/// name gets a filter of its own).
fn names_in(names: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    for n in names {
        let quoted = format!("\"{}\"", n.replace('\\', "\\\\").replace('"', "\\\""));
        if !current.is_empty() && current.len() + 1 + quoted.len() > NAMES_FILTER_MAX {
            out.push(std::mem::take(&mut current));
        }
        current.push_str(if current.is_empty() { "in:" } else { "," });
        current.push_str(&quoted);
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// The hidden images (`os_hidden=true`) of the session's project named exactly `name`.
pub async fn hidden_by_name(session: &Session, name: &str) -> anyhow::Result<Vec<Image>> {
    let filter = name_filter(name);
    let mut filters = vec![("name", filter.as_str()), ("os_hidden", "true")];
    let own = own(session);
    filters.extend(own.as_ref().map(|o| ("owner", o.as_str())));
    Ok(list(session, &filters).await?.into_iter().filter(|i| i.name.as_deref() == Some(name)).collect())
}

/// The session's project, for an `owner` filter: berth's versions and lineages are per project, and an admin
/// lists every project's images.
pub fn own(session: &Session) -> Option<String> {
    session.token().body.project.map(|p| p.id)
}

/// `name` as Glance's `name` filter: quoted in an `in:` list (Glance reads `name=a:b` as operator `a`).
fn name_filter(name: &str) -> String {
    format!("in:\"{}\"", name.replace('\\', "\\\\").replace('"', "\\\""))
}

/// [`list`] with `filters`, hidden images included (a second query with `os_hidden=true`).
pub async fn list_all_versions(session: &Session, filters: &[(&str, &str)]) -> anyhow::Result<Vec<Image>> {
    let mut images = list(session, filters).await?;
    let mut hidden_filters = filters.to_vec();
    hidden_filters.push(("os_hidden", "true"));
    images.extend(list(session, &hidden_filters).await?);
    Ok(images)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_go_in_short_in_lists_quoted_as_one_name_is() {
        let names: Vec<String> = (0..300).map(|i| format!("bench/tags:tag-{i:04}")).collect();
        let filters = names_in(&names);
        assert!(filters.len() > 1 && filters.iter().all(|f| f.len() <= NAMES_FILTER_MAX), "{filters:?}");
        assert!(filters.iter().all(|f| f.starts_with("in:\"")));
        let back: Vec<&str> =
            filters.iter().flat_map(|f| f["in:".len()..].split(',')).map(|q| q.trim_matches('"')).collect();
        assert_eq!(back, names.iter().map(String::as_str).collect::<Vec<_>>());
        // One name is quoted as `name_filter` quotes it.
        let odd = vec!["a\"b".to_string()];
        assert_eq!(names_in(&odd), vec![name_filter("a\"b")]);
        assert!(names_in(&[]).is_empty());
    }

    #[test]
    fn next_links_are_paths_on_the_endpoint() {
        for (endpoint, next) in [
            ("http://glance.example:9292", "/v2/images?marker=0b6d1ad3&limit=200"),
            ("https://cloud.example/image", "/v2/images?marker=x&name=in%3A%22a%40b%22"),
            ("http://[::1]:9292", "/v2/images?marker=x"),
        ] {
            next_path(endpoint, next).unwrap_or_else(|e| panic!("{next}: {e}"));
        }
    }

    #[test]
    fn next_links_elsewhere_are_refused() {
        for next in [
            "@127.0.0.3:9292/v2/images",
            "/@evil.example/x",
            "/v2/images?marker=x@evil",
            "//evil.example/v2/images",
            "http://evil.example/v2/images",
            "https://glance.example:9292/v2/images",
            "v2/images?marker=x",
            "/v2/images\\@evil",
            "/v2/images?marker=x y",
            "/v2/images\r\nX-Injected: 1",
            "",
        ] {
            let e = next_path("http://glance.example:9292", next).unwrap_err();
            assert!(e.to_string().contains("berth does not follow it"), "{next}: {e}");
            assert_eq!(crate::error::exit_code(&e), ExitCode::Failure);
        }
        // A port given as the next link's first characters would change the origin.
        assert!(next_path("http://glance.example", ":1234/v2/images").is_err());
    }
}
