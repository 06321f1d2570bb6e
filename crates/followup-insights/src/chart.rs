//! Each insight as a standalone, accessible SVG bar chart of 640×320, drawn with plotters.
//!
//! Every chart reads without colour: each bar carries its value as text, bars of different
//! meaning differ by fill (solid or outlined) and by position and are named in a legend line,
//! and both axes have captions. The `<svg>` element gets `role="img"`, an `aria-label` that
//! states the numbers in words, and a `<title>`, so a screen reader hears the same facts a
//! sighted reader sees. With no data a chart still renders, saying so.
//!
//! Text needs no font files: plotters' SVG backend writes `<text>` elements itself (escaping
//! them) and, without a font feature, only estimates text sizes for layout, which is all an
//! SVG needs since the browser sets the type. No chart contains text the user typed: labels
//! are months, steps, counts and dates made here, and the title and label added afterwards are
//! escaped all the same.

use std::error::Error;

use plotters::coord::combinators::BindKeyPoints;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::{Insights, WEEKS};

/// The size of every chart, in SVG user units.
pub const SIZE: (u32, u32) = (640, 320);

const FONT: &str = "sans-serif";
/// Near-black text and axes.
const INK: RGBColor = RGBColor(0x1f, 0x1f, 0x1f);
/// A dark blue with enough contrast on white for thin outlines to stay visible.
const BAR: RGBColor = RGBColor(0x2b, 0x57, 0x97);
const GRID: RGBColor = RGBColor(0xdd, 0xdd, 0xdd);
/// More months than this would squeeze the bars below their labels' width.
const MAX_MONTHS: usize = 12;

/// Thank-you notes sent and sent within 24 hours, by month of the round (the latest
/// 12 months that have any).
pub fn punctuality(insights: &Insights) -> String {
    let p = &insights.punctuality;
    let months = &p.months[p.months.len().saturating_sub(MAX_MONTHS)..];
    // With few months there is room to print the share on the bar itself.
    let roomy = months.len() <= 6;
    let groups = months
        .iter()
        .map(|m| Group {
            label: m.month.clone(),
            bars: vec![
                Bar::count(m.sent, Fill::Outline),
                Bar {
                    height: f64::from(m.on_time),
                    label: if roomy {
                        format!("{} ({})", m.on_time, percent(m.share))
                    } else {
                        m.on_time.to_string()
                    },
                    fill: Fill::Solid,
                },
            ],
        })
        .collect();
    let summary = match p.share {
        Some(share) => format!(
            "Overall {} of {} on time ({}).",
            p.on_time,
            p.sent,
            percent(share)
        ),
        None => String::new(),
    };
    let by_month: Vec<String> = months
        .iter()
        .map(|m| {
            format!(
                "{}: {} of {} on time ({})",
                m.month,
                m.on_time,
                m.sent,
                percent(m.share)
            )
        })
        .collect();
    render(&Chart {
        title: "Thank-you notes sent within 24 hours".into(),
        description: if months.is_empty() {
            "No thank-you notes recorded yet.".into()
        } else {
            format!(
                "Bar chart by month of the interview round, outlined bars for notes sent and \
                 solid bars for notes sent within 24 hours. {}. {summary}",
                by_month.join("; ")
            )
        },
        subtitle: summary.clone(),
        legend: vec![
            ("sent", Fill::Outline),
            ("on time (within 24 h)", Fill::Solid),
        ],
        x_desc: "month of the interview round",
        y_desc: "thank-you notes",
        scale: Scale::Count,
        groups,
        empty: months
            .is_empty()
            .then_some("No thank-you notes recorded yet"),
    })
}

/// The share of applications that heard back after each follow-up step.
pub fn response_rates(insights: &Insights) -> String {
    let rates = &insights.response_rates;
    let groups = rates
        .iter()
        .map(|r| Group {
            label: r.step.clone(),
            bars: vec![Bar {
                height: r.rate * 100.0,
                label: format!("{} ({} of {})", percent(r.rate), r.responded, r.sent),
                fill: Fill::Solid,
            }],
        })
        .collect();
    let steps: Vec<String> = rates
        .iter()
        .map(|r| {
            format!(
                "{}: {} of {} applications ({})",
                r.step,
                r.responded,
                r.sent,
                percent(r.rate)
            )
        })
        .collect();
    render(&Chart {
        title: "Responses after each follow-up".into(),
        description: if rates.is_empty() {
            "No thank-you notes or check-ins recorded yet.".into()
        } else {
            format!(
                "Bar chart of the share of applications that got a response after each \
                 follow-up step and before the next one. {}.",
                steps.join("; ")
            )
        },
        subtitle: "Heard back before the next follow-up; each application once per step".into(),
        legend: Vec::new(),
        x_desc: "follow-up step",
        y_desc: "got a response",
        scale: Scale::Percent,
        groups,
        empty: rates
            .is_empty()
            .then_some("No thank-you notes or check-ins recorded yet"),
    })
}

/// How many applications got their first response after how many days, and how many none yet.
pub fn days_to_response(insights: &Insights) -> String {
    let d = &insights.days_to_response;
    let mut groups: Vec<Group> = d
        .buckets
        .iter()
        .map(|b| Group {
            label: b.label.clone(),
            bars: vec![Bar::count(b.count, Fill::Solid)],
        })
        .collect();
    groups.push(Group {
        label: "none yet".into(),
        bars: vec![Bar::count(d.none_yet, Fill::Outline)],
    });
    let measured: u32 = d.buckets.iter().map(|b| b.count).sum();
    let median = match d.median_days {
        Some(m) => format!("Median {}.", days(m)),
        None => "No response yet.".into(),
    };
    let buckets: Vec<String> = d
        .buckets
        .iter()
        .map(|b| format!("{} days: {}", b.label, b.count))
        .collect();
    let nothing = measured == 0 && d.none_yet == 0;
    render(&Chart {
        title: "Days from the first round to the first response".into(),
        description: if nothing {
            "No interviews recorded yet.".into()
        } else {
            format!(
                "Bar chart of applications by whole days from the end of the first round to \
                 the first response. {}; no response yet: {}. {median}",
                buckets.join("; "),
                d.none_yet
            )
        },
        subtitle: median,
        legend: vec![
            ("responded", Fill::Solid),
            ("no response yet", Fill::Outline),
        ],
        x_desc: "whole days after the end of the first round",
        y_desc: "applications",
        scale: Scale::Count,
        groups,
        empty: nothing.then_some("No interviews recorded yet"),
    })
}

/// The interviewed applications and where they stand now.
pub fn funnel(insights: &Insights) -> String {
    let f = &insights.funnel;
    let part = |name: &str, count: u32| {
        let share = crate::share(count, f.interviewed).unwrap_or(0.0);
        (name.to_string(), count, share)
    };
    let parts = [
        part("offer", f.offer),
        part("rejected", f.rejected),
        part("no response", f.no_response),
        part("waiting", f.waiting),
    ];
    let mut groups = vec![Group {
        label: "interviewed".into(),
        bars: vec![Bar::count(f.interviewed, Fill::Outline)],
    }];
    groups.extend(parts.iter().map(|(name, count, share)| Group {
        label: name.clone(),
        bars: vec![Bar {
            height: f64::from(*count),
            label: format!("{count} ({})", percent(*share)),
            fill: Fill::Solid,
        }],
    }));
    let words: Vec<String> = parts
        .iter()
        .map(|(name, count, share)| format!("{name}: {count} ({})", percent(*share)))
        .collect();
    let reached = format!(
        "{} of {} applications reached an interview.",
        f.interviewed, f.applications
    );
    render(&Chart {
        title: "Where the interviewed applications stand".into(),
        description: if f.interviewed == 0 {
            "No interviews recorded yet.".into()
        } else {
            format!(
                "Bar chart of the interviewed applications by their status now. {reached} {}.",
                words.join("; ")
            )
        },
        subtitle: reached,
        legend: vec![
            ("all interviewed", Fill::Outline),
            ("status now", Fill::Solid),
        ],
        x_desc: "status now, from the follow-up plan",
        y_desc: "applications",
        scale: Scale::Count,
        groups,
        empty: (f.interviewed == 0).then_some("No interviews recorded yet"),
    })
}

/// Follow-ups sent in each of the last twelve weeks.
pub fn weekly(insights: &Insights) -> String {
    let weeks = &insights.weekly;
    let total: u32 = weeks.iter().map(|w| w.count).sum();
    let groups = weeks
        .iter()
        .map(|w| Group {
            label: w.starts.strftime("%b %-d").to_string(),
            bars: vec![Bar::count(w.count, Fill::Solid)],
        })
        .collect();
    let listed: Vec<String> = weeks
        .iter()
        .map(|w| format!("week of {}: {}", w.starts, w.count))
        .collect();
    let subtitle = format!("{total} in the last {WEEKS} weeks");
    render(&Chart {
        title: "Follow-ups sent per week".into(),
        description: format!(
            "Bar chart of follow-ups sent per week, Monday to Sunday. {subtitle}: {}.",
            listed.join("; ")
        ),
        subtitle,
        legend: Vec::new(),
        x_desc: "week starting on Monday",
        y_desc: "follow-ups sent",
        scale: Scale::Count,
        groups,
        empty: weeks.is_empty().then_some("No weeks to show"),
    })
}

/// How a bar is painted; the two kinds differ by shape, not colour alone.
#[derive(Clone, Copy)]
enum Fill {
    Solid,
    Outline,
}

/// Outlines are drawn as closed paths: plotters' SVG backend drops the stroke width of an
/// unfilled rectangle, and a hairline is too easy to miss.
fn outline<X: Copy, Y: Copy>((x0, y0): (X, Y), (x1, y1): (X, Y)) -> PathElement<(X, Y)> {
    PathElement::new(
        vec![(x0, y0), (x0, y1), (x1, y1), (x1, y0), (x0, y0)],
        BAR.stroke_width(2),
    )
}

struct Bar {
    height: f64,
    label: String,
    fill: Fill,
}

impl Bar {
    fn count(count: u32, fill: Fill) -> Self {
        Bar {
            height: f64::from(count),
            label: count.to_string(),
            fill,
        }
    }
}

/// Bars that stand side by side above one label on the x axis.
struct Group {
    label: String,
    bars: Vec<Bar>,
}

#[derive(Clone, Copy)]
enum Scale {
    Count,
    /// Heights are percentages, 0 to 100.
    Percent,
}

struct Chart {
    title: String,
    /// The chart's facts in sentences, for the `aria-label`.
    description: String,
    /// One line under the title, after the legend.
    subtitle: String,
    legend: Vec<(&'static str, Fill)>,
    x_desc: &'static str,
    y_desc: &'static str,
    scale: Scale,
    groups: Vec<Group>,
    /// Said in place of the bars when there is nothing to draw.
    empty: Option<&'static str>,
}

fn render(chart: &Chart) -> String {
    let mut svg = String::new();
    if draw(chart, &mut svg).is_err() {
        // plotters reports errors only from its backend, which here writes to a string; a
        // plain message is still better than half a chart if that ever changes.
        svg = format!(
            "<svg width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" \
             xmlns=\"http://www.w3.org/2000/svg\">\n<text x=\"16\" y=\"28\" \
             font-family=\"{FONT}\" font-size=\"14\">{}</text>\n</svg>\n",
            escape(&chart.title),
            w = SIZE.0,
            h = SIZE.1
        );
    }
    accessible(&svg, &chart.title, &chart.description)
}

/// A rough width for text the browser will set, enough to place the legend entries apart.
fn text_width(text: &str, size: f64) -> i32 {
    (text.chars().count() as f64 * size * 0.6).ceil() as i32
}

fn draw(chart: &Chart, buf: &mut String) -> Result<(), Box<dyn Error>> {
    let root = SVGBackend::with_string(buf, SIZE).into_drawing_area();
    root.fill(&WHITE)?;
    let top_left = Pos::new(HPos::Left, VPos::Top);
    root.draw(&Text::new(
        chart.title.clone(),
        (16, 10),
        (FONT, 18)
            .into_font()
            .style(FontStyle::Bold)
            .color(&INK)
            .pos(top_left),
    ))?;

    let line = (FONT, 14).into_font().color(&INK).pos(top_left);
    let mut x = 16;
    // A legend and a summary of nothing would only be noise next to the message.
    let (legend, subtitle) = match chart.empty {
        Some(_) => (&[][..], ""),
        None => (&chart.legend[..], chart.subtitle.as_str()),
    };
    for (name, fill) in legend {
        let corners = ((x, 36), (x + 14, 48));
        match fill {
            Fill::Solid => root.draw(&Rectangle::new([corners.0, corners.1], BAR.filled()))?,
            Fill::Outline => root.draw(&outline(corners.0, corners.1))?,
        }
        root.draw(&Text::new(name.to_string(), (x + 20, 36), line.clone()))?;
        x += 20 + text_width(name, 11.3) + 20;
    }
    if !subtitle.is_empty() {
        root.draw(&Text::new(subtitle.to_string(), (x, 36), line.clone()))?;
    }

    if let Some(message) = chart.empty {
        let centre = Pos::new(HPos::Center, VPos::Center);
        let middle = (SIZE.0 as i32 / 2, SIZE.1 as i32 / 2 + 10);
        root.draw(&Rectangle::new(
            [(16, 64), (SIZE.0 as i32 - 16, SIZE.1 as i32 - 16)],
            GRID.stroke_width(1),
        ))?;
        root.draw(&Text::new(
            message.to_string(),
            middle,
            (FONT, 18).into_font().color(&INK).pos(centre),
        ))?;
        root.present()?;
        return Ok(());
    }

    let (_, body) = root.split_vertically(58);
    let n = chart.groups.len();
    let centres: Vec<i64> = (0..n).map(|i| milli(i as f64 + 0.5)).collect();
    let tallest = chart
        .groups
        .iter()
        .flat_map(|g| &g.bars)
        .map(|b| b.height)
        .fold(0.0, f64::max);
    let (ticks, top) = match chart.scale {
        Scale::Percent => (vec![0.0, 25.0, 50.0, 75.0, 100.0], 112.0),
        Scale::Count => count_ticks(tallest),
    };
    let mut plot = ChartBuilder::on(&body)
        .margin_right(16)
        .margin_bottom(6)
        .x_label_area_size(44)
        .y_label_area_size(56)
        .build_cartesian_2d(
            (0..milli(n as f64)).with_key_points(centres),
            (0..milli(top)).with_key_points(ticks.iter().map(|t| milli(*t)).collect()),
        )?;

    let labels: Vec<&str> = chart.groups.iter().map(|g| g.label.as_str()).collect();
    let x_label = |x: &i64| {
        usize::try_from(x.div_euclid(milli(1.0)))
            .ok()
            .and_then(|i| labels.get(i))
            .map(|l| l.to_string())
            .unwrap_or_default()
    };
    let y_label = |y: &i64| {
        let y = *y as f64 / UNIT;
        match chart.scale {
            Scale::Percent => format!("{y:.0}%"),
            Scale::Count => format!("{y:.0}"),
        }
    };
    plot.configure_mesh()
        .disable_x_mesh()
        .bold_line_style(GRID)
        .light_line_style(TRANSPARENT)
        .axis_style(INK)
        .x_desc(chart.x_desc)
        .y_desc(chart.y_desc)
        .x_label_formatter(&x_label)
        .y_label_formatter(&y_label)
        .label_style((FONT, 13).into_font().color(&INK))
        .axis_desc_style((FONT, 14).into_font().color(&INK))
        .draw()?;

    let value_style = (FONT, 14)
        .into_font()
        .color(&INK)
        .pos(Pos::new(HPos::Center, VPos::Bottom));
    for (i, group) in chart.groups.iter().enumerate() {
        // Bars of one group share the middle 70% of its slot, with a small gap between them.
        let k = group.bars.len().max(1) as f64;
        let gap = 0.04;
        let width = (0.7 - gap * (k - 1.0)) / k;
        for (j, bar) in group.bars.iter().enumerate() {
            let x0 = i as f64 + 0.15 + j as f64 * (width + gap);
            let x1 = x0 + width;
            let height = bar.height.clamp(0.0, top);
            let corners = ((milli(x0), 0), (milli(x1), milli(height)));
            match bar.fill {
                Fill::Solid => plot.draw_series(std::iter::once(Rectangle::new(
                    [corners.0, corners.1],
                    BAR.filled(),
                )))?,
                Fill::Outline => {
                    plot.draw_series(std::iter::once(outline(corners.0, corners.1)))?
                }
            };
            plot.draw_series(std::iter::once(
                EmptyElement::at((milli((x0 + x1) / 2.0), milli(height)))
                    + Text::new(bar.label.clone(), (0, -4), value_style.clone()),
            ))?;
        }
    }
    root.present()?;
    Ok(())
}

/// Chart coordinates are thousandths of a group's slot and of a bar's value: plotters lets
/// integer axes, not floating-point ones, take hand-picked ticks and label formatters.
const UNIT: f64 = 1000.0;

fn milli(value: f64) -> i64 {
    (value * UNIT).round() as i64
}

/// Whole-number ticks at 1, 2 or 5 times a power of ten, at most six of them, and the top of
/// the axis with room above the tallest bar for its label.
fn count_ticks(tallest: f64) -> (Vec<f64>, f64) {
    let tallest = tallest.max(1.0);
    let mut base = 1.0;
    let step = loop {
        if let Some(step) = [1.0, 2.0, 5.0]
            .iter()
            .map(|m| m * base)
            .find(|step| tallest / step <= 5.0)
        {
            break step;
        }
        base *= 10.0;
    };
    let last = (tallest / step).ceil() * step;
    let ticks = (0..=(last / step) as usize)
        .map(|i| i as f64 * step)
        .collect();
    (ticks, last.max(tallest) * 1.15)
}

fn percent(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

/// `2.5 days`, `1 day`, `8 days`: one decimal, and none when it is zero.
fn days(value: f64) -> String {
    let text = format!("{value:.1}");
    let text = text.strip_suffix(".0").unwrap_or(&text);
    if text == "1" {
        "1 day".into()
    } else {
        format!("{text} days")
    }
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// Names the image for assistive technology: `role="img"` and an `aria-label` on the root
/// element, a `<title>` as its first child (plotters has no hook for either).
fn accessible(svg: &str, title: &str, description: &str) -> String {
    let Some(open) = svg.strip_prefix("<svg").and_then(|rest| rest.find('>')) else {
        return svg.to_string();
    };
    let (head, rest) = svg.split_at("<svg".len() + open);
    format!(
        "{head} role=\"img\" aria-label=\"{}\">\n<title>{}</title>{}",
        escape(&format!("{title}. {description}")),
        escape(title),
        &rest[1..]
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture::{application, at, new_york};
    use crate::insights;

    /// The text content of every `<text>` element, trimmed, in document order.
    fn texts(svg: &str) -> Vec<String> {
        svg.split("<text")
            .skip(1)
            .filter_map(|part| {
                let body = &part[part.find('>')? + 1..];
                Some(body[..body.find("</text>")?].trim().to_string())
            })
            .collect()
    }

    fn assert_looks_like_svg(svg: &str) {
        assert!(svg.starts_with("<svg "), "{svg}");
        assert!(svg.trim_end().ends_with("</svg>"), "{svg}");
        assert!(svg.contains(" role=\"img\" aria-label=\""), "{svg}");
        assert!(svg.contains("<title>"), "{svg}");
        assert_eq!(svg.matches("<svg").count(), 1);
        assert_eq!(svg.matches("<text").count(), svg.matches("</text>").count());
        assert!(!svg.contains("Acme"), "no user text in charts");
    }

    fn busy() -> Insights {
        let a = application("a1")
            .round(
                "r1",
                "2026-03-02T14:00:00-05:00",
                Some("2026-03-02T15:00:00-05:00"),
            )
            .person("r1", "p2")
            .touch("thank-you", "r1", "p1", 1, "2026-03-02T19:00:00-05:00")
            .touch("thank-you", "r1", "p2", 1, "2026-03-04T09:00:00-05:00")
            .touch("check-in", "r1", "p1", 1, "2026-03-12T09:00:00-04:00")
            .response("reply", "2026-03-13T10:00:00-04:00")
            .build();
        let b = application("a2")
            .round("r1", "2026-02-10T10:00:00-05:00", None)
            .touch("thank-you", "r1", "p1", 1, "2026-02-10T18:00:00-05:00")
            .response("offer", "2026-02-13T10:00:00-05:00")
            .archived()
            .build();
        let c = application("a3")
            .round("r1", "2026-03-16T10:00:00-04:00", None)
            .build();
        insights(&[a, b, c], at("2026-03-20T12:00:00-04:00"), &new_york())
    }

    #[test]
    fn punctuality_labels_every_bar_and_names_both_series() {
        let svg = punctuality(&busy());
        assert_looks_like_svg(&svg);
        let texts = texts(&svg);
        for expected in [
            "Thank-you notes sent within 24 hours",
            "sent",
            "on time (within 24 h)",
            "Overall 2 of 3 on time (67%).",
            "2026-02",
            "2026-03",
            "1 (100%)",
            "1 (50%)",
            "month of the interview round",
            "thank-you notes",
        ] {
            assert!(texts.iter().any(|t| t == expected), "{expected}: {texts:?}");
        }
        // The sent bars: 1 in February and 2 in March.
        assert!(texts.iter().any(|t| t == "1") && texts.iter().any(|t| t == "2"));
        assert!(
            svg.contains("aria-label=\"Thank-you notes sent within 24 hours. Bar chart"),
            "{svg}"
        );
        assert!(svg.contains("2026-03: 1 of 2 on time (50%)"));
        // Outlined and solid bars: the series differ by more than colour.
        assert!(svg.contains(
            "<polyline fill=\"none\" opacity=\"1\" stroke=\"#2B5797\" stroke-width=\"2\""
        ));
    }

    #[test]
    fn many_months_keep_the_latest_twelve_with_short_labels() {
        let mut app = application("a1");
        for month in 1..=14 {
            let (year, month) = if month > 12 {
                (2026, month - 12)
            } else {
                (2025, month)
            };
            let start = format!("{year}-{month:02}-10T10:00:00Z");
            let late = format!("{year}-{month:02}-13T10:00:00Z");
            let round = format!("r{month}{year}");
            app = app
                .round(&round, &start, None)
                .touch("thank-you", &round, "p1", 1, &late);
        }
        let found = insights(&[app.build()], at("2026-03-01T00:00:00Z"), &new_york());
        assert_eq!(found.punctuality.months.len(), 14);
        let svg = punctuality(&found);
        let texts = texts(&svg);
        assert!(!texts.iter().any(|t| t == "2025-02"), "{texts:?}");
        assert!(texts.iter().any(|t| t == "2025-03"), "{texts:?}");
        assert!(texts.iter().any(|t| t == "2026-02"), "{texts:?}");
        assert!(!texts.iter().any(|t| t == "0 (0%)"), "{texts:?}");
        assert!(texts.iter().any(|t| t == "Overall 0 of 14 on time (0%)."));
    }

    #[test]
    fn response_rates_show_shares_with_counts() {
        let svg = response_rates(&busy());
        assert_looks_like_svg(&svg);
        let texts = texts(&svg);
        for expected in [
            "thank-you",
            "check-in 1",
            "50% (1 of 2)",
            "100% (1 of 1)",
            "got a response",
            "100%",
            "0%",
        ] {
            assert!(texts.iter().any(|t| t == expected), "{expected}: {texts:?}");
        }
    }

    #[test]
    fn days_to_response_shows_every_bucket_and_the_median() {
        let svg = days_to_response(&busy());
        assert_looks_like_svg(&svg);
        let texts = texts(&svg);
        // a1: 10 days 18 hours; a2: 2 days 23 hours; a3: none yet.
        for expected in [
            "0–1",
            "2–3",
            "8–14",
            "31+",
            "none yet",
            "Median 6.9 days.",
            "no response yet",
            "applications",
        ] {
            assert!(texts.iter().any(|t| t == expected), "{expected}: {texts:?}");
        }
        // Bars for 2–3, 8–14 and none yet, and the axis tick; the four empty buckets and
        // the axis origin.
        let count = |label: &str| texts.iter().filter(|t| *t == label).count();
        assert_eq!((count("1"), count("0")), (4, 5), "{texts:?}");
    }

    #[test]
    fn funnel_shows_the_total_and_each_status() {
        let svg = funnel(&busy());
        assert_looks_like_svg(&svg);
        let texts = texts(&svg);
        for expected in [
            "interviewed",
            "3",
            "offer",
            "1 (33%)",
            "rejected",
            "0 (0%)",
            "waiting",
            "2 (67%)",
            "all interviewed",
            "status now",
            "3 of 3 applications reached an interview.",
        ] {
            assert!(texts.iter().any(|t| t == expected), "{expected}: {texts:?}");
        }
    }

    #[test]
    fn weekly_labels_twelve_weeks_by_their_monday() {
        let svg = weekly(&busy());
        assert_looks_like_svg(&svg);
        let texts = texts(&svg);
        for expected in [
            "Mar 16",
            "Mar 9",
            "Mar 2",
            "Feb 9",
            "Dec 29",
            "4 in the last 12 weeks",
        ] {
            assert!(texts.iter().any(|t| t == expected), "{expected}: {texts:?}");
        }
        assert!(svg.contains("week of 2026-03-09: 1"), "{svg}");
    }

    #[test]
    fn with_no_applications_every_chart_says_so() {
        let empty = insights(&[], at("2026-03-20T12:00:00-04:00"), &new_york());
        for (svg, message) in [
            (punctuality(&empty), "No thank-you notes recorded yet"),
            (
                response_rates(&empty),
                "No thank-you notes or check-ins recorded yet",
            ),
            (days_to_response(&empty), "No interviews recorded yet"),
            (funnel(&empty), "No interviews recorded yet"),
        ] {
            assert_looks_like_svg(&svg);
            assert!(texts(&svg).iter().any(|t| t == message), "{svg}");
        }
        assert!(
            !texts(&funnel(&empty))
                .iter()
                .any(|t| t == "all interviewed")
        );
        let svg = weekly(&empty);
        assert_looks_like_svg(&svg);
        assert_eq!(texts(&svg).iter().filter(|t| *t == "0").count(), WEEKS + 1);
    }

    #[test]
    fn the_added_names_are_escaped() {
        let svg = accessible("<svg width=\"1\">\n</svg>\n", "A <b>", "x & \"y\"");
        assert_eq!(
            svg,
            "<svg width=\"1\" role=\"img\" aria-label=\"A &lt;b&gt;. x &amp; &quot;y&quot;\">\n\
             <title>A &lt;b&gt;</title>\n</svg>\n"
        );
    }

    #[test]
    fn ticks_are_whole_and_leave_room_for_labels() {
        assert_eq!(count_ticks(0.0), (vec![0.0, 1.0], 1.15));
        assert_eq!(count_ticks(3.0).0, [0.0, 1.0, 2.0, 3.0]);
        assert_eq!(count_ticks(7.0).0, [0.0, 2.0, 4.0, 6.0, 8.0]);
        assert_eq!(
            count_ticks(230.0).0,
            [0.0, 50.0, 100.0, 150.0, 200.0, 250.0]
        );
        assert_eq!(count_ticks(1200.0).0, [0.0, 500.0, 1000.0, 1500.0]);
        assert_eq!(days(1.04), "1 day");
        assert_eq!(days(2.5), "2.5 days");
        assert_eq!(days(0.0), "0 days");
    }
}
