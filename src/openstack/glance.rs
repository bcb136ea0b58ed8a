//! Glance (image service v2): the calls berth makes.

use serde::Deserialize;
use serde_json::{Map, Value};

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

#[derive(Deserialize)]
struct Page {
    images: Vec<Image>,
    next: Option<String>,
}

/// All images matching the Glance query `filters` (e.g. `container_format=docker`), following `next` links.
pub async fn list(session: &Session, filters: &[(&str, &str)]) -> anyhow::Result<Vec<Image>> {
    let mut images = Vec::new();
    let mut query: Vec<(String, String)> = filters.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    query.push(("limit".into(), "200".into()));
    let mut path = "/v2/images".to_string();
    loop {
        let q = query.clone();
        let resp = session.request(reqwest::Method::GET, "image", &path, |r| r.query(&q)).await?;
        let page: Page = check(resp, "listing Glance images").await?.json().await?;
        images.extend(page.images);
        match page.next {
            // `next` already carries the query, relative to the endpoint root.
            Some(next) => {
                path = next;
                query.clear();
            }
            None => return Ok(images),
        }
    }
}
