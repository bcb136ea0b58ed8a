//! `berth gaps`: gather the facts once, run every check, hand the findings to the output.

use std::time::Instant;

use crate::app::Ctx;
use crate::cli::{FailOn, GapsArgs};
use crate::error::{ExitCode, Failure};
use crate::gaps::{self, COLUMNS, Finding, Status, checks};
use crate::output::{Format, List, Record};

pub const EXPLAIN_FIELDS: &[&str] = &["id", "area", "explanation", "reference"];

/// The columns of the default table; `-c` and json/yaml get every key.
pub(super) const TABLE: &[&str] = &["area", "status", "id", "summary"];

pub(super) fn list(findings: &[Finding], columns: &[&str]) -> List {
    let mut l = List::new(columns);
    for f in findings {
        let v = serde_json::to_value(f).unwrap_or_default();
        l.row(columns.iter().map(|c| v[*c].clone()).collect());
    }
    l
}

fn explain(id: &str, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
    let Some((id, area, reference, text)) = checks::explain(id) else {
        return Err(Failure::usage(format!("unknown check id `{id}`"))
            .hint(format!("ids: {}", checks::EXPLAIN.iter().map(|e| e.0).collect::<Vec<_>>().join(", ")))
            .into());
    };
    if ctx.out.settings().format == Format::Table && ctx.out.settings().columns.is_empty() {
        return ctx.out.raw(format!("{id} ({})\n\n{text}\n\nreference: {reference}\n", area.as_str()).as_bytes());
    }
    let rec = Record::new()
        .field("id", *id)
        .field("area", area.as_str())
        .field("explanation", *text)
        .field("reference", *reference)
        .declared(EXPLAIN_FIELDS);
    ctx.out.record(&rec)
}

pub async fn run(args: GapsArgs, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
    if let Some(id) = &args.explain {
        return explain(id, ctx);
    }
    let start = Instant::now();
    let session = ctx.session().await?;
    let facts = gaps::facts::gather(&session, args.probe_timeout).await;
    let mut findings = checks::all(&facts);
    // Magnum's cloud-wide checks are the preflight's (`coe preflight`), on what the cloud offers.
    let magnum = args.only.is_empty() || args.only.contains(&gaps::Area::Magnum);
    if magnum && facts.service("container-infrastructure-management").is_some() {
        // Bounded like every fact of the report: a Magnum that does not answer makes this unknown, not slow.
        // (A few rounds of requests: the catalog's facts, then each template's, concurrently.)
        let limit = args.probe_timeout * 5;
        match gaps::facts::timed(limit, async { Ok(crate::coe::survey::survey(&session).await) }).await {
            gaps::Fact::Known(found) => findings.extend(found),
            gaps::Fact::Unknown(r) => findings.push(
                Finding::new(
                    "magnum.services",
                    gaps::Area::Magnum,
                    Status::Unknown,
                    "the Magnum checks did not finish",
                )
                .evidence(r),
            ),
        }
        findings.sort_by_key(|f| f.area);
    }
    if !args.only.is_empty() {
        findings.retain(|f| args.only.contains(&f.area));
    }
    let settings = ctx.out.settings().clone();
    let short = settings.format == Format::Table && settings.columns.is_empty();
    ctx.out.list(&list(&findings, if short { TABLE } else { COLUMNS }))?;
    {
        let count = |s: Status| findings.iter().filter(|f| f.status == s).count();
        ctx.feedback.say(&format!(
            "gaps: {} findings: {} ok, {} info, {} warn, {} fail, {} unknown ({:.2} s){}\n",
            findings.len(),
            count(Status::Ok),
            count(Status::Info),
            count(Status::Warn),
            count(Status::Fail),
            count(Status::Unknown),
            start.elapsed().as_secs_f64(),
            if short { "; `-o json` has evidence, consequence and remedy, `--explain ID` the background" } else { "" }
        ));
    }
    match args.fail_on {
        Some(level) => fail_on(&findings, level, "`berth gaps --explain ID` tells what each means and how to fix it"),
        None => Ok(()),
    }
}

/// Exit 3 (negative) when a finding is at or above `level`, naming them.
pub(super) fn fail_on(findings: &[Finding], level: FailOn, hint: &str) -> anyhow::Result<()> {
    let (level, name) = match level {
        FailOn::Warn => (Status::Warn, "warn"),
        FailOn::Fail => (Status::Fail, "fail"),
    };
    let hits: Vec<&str> = findings.iter().filter(|f| f.status.reaches(level)).map(|f| f.id.as_str()).collect();
    if hits.is_empty() {
        return Ok(());
    }
    Err(Failure::new(
        ExitCode::Negative,
        format!("{} finding(s) at or above `{name}`: {}", hits.len(), hits.join(", ")),
    )
    .hint(hint)
    .into())
}
