//! Following `next` links through the pages of a list (a registry's tags, Glance's images), with an end: a link
//! seen before is a loop and ends with an error, and so does a list longer than [`MAX_PAGES`] pages.

use std::collections::HashSet;

use crate::error::{ExitCode, Failure};

/// The most pages of one list berth reads: 1,000 pages of 100 tags, or of 200 Glance images.
pub const MAX_PAGES: usize = 1000;

/// The pages of one list read so far.
#[derive(Debug)]
pub struct Pages {
    /// What is listed, from where, for errors: "the tag list of `x` on `r.example`".
    what: String,
    seen: HashSet<String>,
    max: usize,
}

impl Pages {
    /// The first page is `first` (a path or URL, as the links name pages).
    pub fn new(what: impl Into<String>, first: &str) -> Pages {
        Pages::with_max(what, first, MAX_PAGES)
    }

    pub fn with_max(what: impl Into<String>, first: &str, max: usize) -> Pages {
        Pages { what: what.into(), seen: HashSet::from([first.to_string()]), max }
    }

    /// Note the page `next` links to, before it is read: an error when it was read already or is one too many.
    pub fn next(&mut self, next: &str) -> anyhow::Result<()> {
        if self.seen.contains(next) {
            return Err(Failure::new(
                ExitCode::Failure,
                format!(
                    "{}: a next-page link leads back to `{next}`, read already: its pages go round in a loop",
                    self.what
                ),
            )
            .hint("the service's pagination is broken; tell its operator")
            .into());
        }
        if self.seen.len() >= self.max {
            return Err(Failure::new(
                ExitCode::Failure,
                format!("{}: it goes on for more than {} pages; berth stops there", self.what, self.max),
            )
            .hint("the service keeps sending further pages; check it, or ask for fewer items")
            .into());
        }
        self.seen.insert(next.to_string());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_seen_before_is_a_loop() {
        let mut p = Pages::new("the tag list of `x`", "/v2/x/tags/list");
        p.next("/v2/x/tags/list?last=a").unwrap();
        p.next("/v2/x/tags/list?last=b").unwrap();
        let e = p.next("/v2/x/tags/list?last=a").unwrap_err();
        assert_eq!(
            e.to_string(),
            "the tag list of `x`: a next-page link leads back to `/v2/x/tags/list?last=a`, read already: its pages go \
             round in a loop"
        );
        // The first page counts too.
        let mut p = Pages::new("the tag list of `x`", "/v2/x/tags/list");
        assert!(p.next("/v2/x/tags/list").is_err());
    }

    #[test]
    fn pages_end_at_the_limit() {
        let mut p = Pages::with_max("Glance's image list", "/v2/images", 3);
        p.next("/v2/images?marker=1").unwrap();
        p.next("/v2/images?marker=2").unwrap();
        let e = p.next("/v2/images?marker=3").unwrap_err();
        assert_eq!(e.to_string(), "Glance's image list: it goes on for more than 3 pages; berth stops there");
    }
}
