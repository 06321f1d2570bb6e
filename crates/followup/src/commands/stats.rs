//! `followup stats`: how the follow-ups are going, as compact tables with sparklines.

use followup_insights::{Insights, insights, sparkline};
use jiff::tz::TimeZone;

use crate::context::{Ctx, profile_zone};
use crate::error::CliResult;
use crate::output::{self, BOLD, Cell, DIM, paint};

pub async fn run(ctx: &Ctx) -> CliResult {
    let store = ctx.open().await?;
    let zone = profile_zone(store.profile().await?.as_ref()).unwrap_or(TimeZone::UTC);
    let files = store.load_every(true).await?;
    store.close().await;
    let found = insights(&files, ctx.now, &zone);
    if ctx.json {
        return output::json(&found);
    }
    print(&found)
}

fn percent(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

fn print(i: &Insights) -> CliResult {
    let f = &i.funnel;
    output::line(paint(BOLD, "Where the applications stand"))?;
    output::line(format!(
        "  {} applications, {} interviewed: {} offer, {} rejected, {} no response, {} waiting",
        f.applications, f.interviewed, f.offer, f.rejected, f.no_response, f.waiting
    ))?;

    output::line("")?;
    output::line(paint(BOLD, "Thank-yous sent within 24 hours"))?;
    let p = &i.punctuality;
    match p.share {
        None => output::line(paint(DIM, "  none sent yet"))?,
        Some(share) => {
            output::line(format!(
                "  {} of {} on time ({})",
                p.on_time,
                p.sent,
                percent(share)
            ))?;
            let rows = p
                .months
                .iter()
                .map(|m| {
                    vec![
                        Cell::new(format!("  {}", m.month)),
                        Cell::new(format!("{}/{}", m.on_time, m.sent)),
                        Cell::new(percent(m.share)),
                    ]
                })
                .collect();
            output::table(&["  MONTH", "ON TIME", "SHARE"], rows)?;
            let shares: Vec<u32> = p
                .months
                .iter()
                .map(|m| (m.share * 100.0).round() as u32)
                .collect();
            output::line(format!("  by month {}", sparkline(&shares)))?;
        }
    }

    output::line("")?;
    output::line(paint(BOLD, "Answers after each follow-up"))?;
    if i.response_rates.is_empty() {
        output::line(paint(DIM, "  nothing sent yet"))?;
    } else {
        let rows = i
            .response_rates
            .iter()
            .map(|s| {
                vec![
                    Cell::new(format!("  {}", s.step)),
                    Cell::new(s.sent.to_string()),
                    Cell::new(s.responded.to_string()),
                    Cell::new(percent(s.rate)),
                ]
            })
            .collect();
        output::table(&["  AFTER", "SENT", "ANSWERED", "RATE"], rows)?;
    }

    output::line("")?;
    output::line(paint(
        BOLD,
        "Days from the first interview to the first answer",
    ))?;
    let d = &i.days_to_response;
    let counts: Vec<u32> = d.buckets.iter().map(|b| b.count).collect();
    let labels: Vec<String> = d
        .buckets
        .iter()
        .map(|b| format!("{} {}", b.label, b.count))
        .collect();
    output::line(format!("  {}  {}", sparkline(&counts), labels.join(" · ")))?;
    output::line(format!(
        "  median {}; no answer yet: {}",
        d.median_days
            .map(|m| format!("{m:.1} days"))
            .unwrap_or_else(|| "–".into()),
        d.none_yet
    ))?;

    output::line("")?;
    output::line(paint(BOLD, "Follow-ups sent per week"))?;
    let weekly: Vec<u32> = i.weekly.iter().map(|w| w.count).collect();
    let total: u32 = weekly.iter().sum();
    let (first, last) = (
        i.weekly.first().map(|w| w.week.as_str()).unwrap_or(""),
        i.weekly.last().map(|w| w.week.as_str()).unwrap_or(""),
    );
    output::line(format!(
        "  {}  {total} in {} weeks ({first} to {last}); this week {}",
        sparkline(&weekly),
        weekly.len(),
        weekly.last().copied().unwrap_or(0)
    ))
}
