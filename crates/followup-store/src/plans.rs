//! The planner's output kept ready in `planned_actions`, so the agenda costs what is due.
//!
//! Every change to an application replans it inside the same transaction; a change to the
//! profile or settings, or a new planner version, replans them all.

use followup_core::{Moment, Outcome};
use followup_plan::{Action, PLANNER_VERSION, open_status};
use jiff::Timestamp;
use serde::Serialize;
use sqlx::Row;

use crate::db::{Conn, is_postgres, sql};
use crate::{Result, Store, StoreError, load_file};

/// One line of the agenda: an open action and what it is about.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct AgendaItem {
    pub application: String,
    pub company: String,
    pub role: String,
    /// The recipient's name.
    pub name: String,
    /// The recipient's IANA zone, in which the action's instants are shown.
    pub zone: String,
    #[serde(flatten)]
    pub action: Action,
}

/// Nanoseconds since the epoch, clamped to what SQLite's integers hold.
fn ns(t: Timestamp) -> i64 {
    i64::try_from(t.as_nanosecond()).unwrap_or(if t.as_second() < 0 {
        i64::MIN
    } else {
        i64::MAX
    })
}

/// Replans one application.
pub async fn refresh(conn: &mut Conn, application_id: &str) -> Result<()> {
    let file = load_file(conn, application_id).await?;
    write_plan(conn, &file, true).await
}

/// What the applications table keeps of a schedule: its outcome, when it goes quiet, and
/// whether every thank-you is done.
pub fn columns(schedule: &followup_plan::Schedule) -> (Option<&'static str>, Option<i64>, bool) {
    (
        schedule.outcome.map(|o| o.as_str()),
        schedule.quiet_from.map(ns),
        schedule.thank_yous_done,
    )
}

/// Writes the plan of an application given whole; `replace` removes its earlier plan first
/// (a new application has none).
pub async fn write_plan(
    conn: &mut Conn,
    file: &followup_core::ApplicationFile,
    replace: bool,
) -> Result<()> {
    let application_id = file.application.id.as_str();
    let schedule = followup_plan::schedule(file);
    if replace {
        sqlx::query(sql(
            &*conn,
            "DELETE FROM planned_actions WHERE application_id = ?",
        ))
        .bind(application_id)
        .execute(&mut *conn)
        .await?;
    }
    let people = file.people();
    for a in schedule.actions.iter().filter(|a| a.status.is_open()) {
        let contact_name = people
            .iter()
            .find(|p| p.id == a.to)
            .map(|p| p.name.as_str())
            .unwrap_or_default();
        sqlx::query(sql(&*conn,
            "INSERT INTO planned_actions (application_id, name, kind, round_id, contact_id, n, channel,
               opens, due, late_after, suggested, opens_ns, due_ns, zone, optional, alternative_to, reason,
               company, role, contact_name, archived)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        ))
        .bind(application_id)
        .bind(a.name().to_string())
        .bind(a.kind.as_str())
        .bind(&a.interview)
        .bind(&a.to)
        .bind(i64::from(a.n))
        .bind(a.channel.as_str())
        .bind(a.opens.to_string())
        .bind(a.due.to_string())
        .bind(a.late_after.map(|l| l.to_string()))
        .bind(a.suggested.to_string())
        .bind(ns(a.opens.timestamp()))
        .bind(ns(a.due.timestamp()))
        .bind(&a.zone)
        .bind(i64::from(a.optional))
        .bind(&a.alternative_to)
        .bind(&a.reason)
        .bind(&file.application.company)
        .bind(&file.application.role)
        .bind(contact_name)
        .bind(i64::from(file.application.archived))
        .execute(&mut *conn)
        .await?;
    }
    let (outcome, quiet_from, thank_yous_done) = columns(&schedule);
    sqlx::query(sql(
        &*conn,
        "UPDATE applications SET plan_outcome = ?, plan_quiet_from_ns = ?, plan_thank_yous_done = ?
         WHERE id = ?",
    ))
    .bind(outcome)
    .bind(quiet_from)
    .bind(i64::from(thank_yous_done))
    .bind(application_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Replans every application.
pub async fn replan_all(conn: &mut Conn) -> Result<()> {
    let ids: Vec<String> =
        sqlx::query_scalar(sql(&*conn, "SELECT id FROM applications ORDER BY rowid"))
            .fetch_all(&mut *conn)
            .await?;
    for id in ids {
        refresh(conn, &id).await?;
    }
    mark_current(conn).await
}

/// Records that the kept plans are this planner version's.
pub async fn mark_current(conn: &mut Conn) -> Result<()> {
    sqlx::query(sql(
        &*conn,
        "INSERT INTO meta (key, value) VALUES ('planner_version', ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    ))
    .bind(PLANNER_VERSION.to_string())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Replans everything when the kept plans were made by another planner version (or none).
pub async fn ensure_current(store: &Store) -> Result<()> {
    let version: Option<String> =
        sqlx::query_scalar("SELECT value FROM meta WHERE key = 'planner_version'")
            .fetch_optional(&mut *store.conn().await?)
            .await?;
    if version.as_deref() == Some(PLANNER_VERSION.to_string().as_str()) {
        return Ok(());
    }
    let mut tx = store.write().await?;
    replan_all(&mut tx).await?;
    tx.commit().await?;
    Ok(())
}

/// One kept action as the agenda query returns it.
#[derive(serde::Deserialize)]
struct KeptAction {
    application_id: String,
    kind: String,
    round_id: String,
    contact_id: String,
    n: u32,
    channel: String,
    opens: String,
    due: String,
    late_after: Option<String>,
    suggested: String,
    zone: String,
    optional: bool,
    alternative_to: Option<String>,
    reason: String,
    company: String,
    role: String,
    contact_name: String,
}

/// The open actions that have opened by `horizon`, most urgent first.
pub async fn agenda(
    conn: &mut Conn,
    now: Timestamp,
    horizon: Timestamp,
) -> Result<Vec<AgendaItem>> {
    agenda_items(conn, now, "opens_ns <= ?1 AND archived = 0", &[ns(horizon)]).await
}

/// When the first follow-up still to open opens, from the index by opening.
pub async fn next_opening(conn: &mut Conn, now: Timestamp) -> Result<Option<Timestamp>> {
    let next: Option<i64> = sqlx::query_scalar(sql(
        &*conn,
        "SELECT MIN(opens_ns) FROM planned_actions WHERE opens_ns > ?1 AND archived = 0",
    ))
    .bind(ns(now))
    .fetch_one(&mut *conn)
    .await?;
    Ok(next.and_then(|n| Timestamp::from_nanosecond(i128::from(n)).ok()))
}

/// How many follow-ups are overdue, due and upcoming by `horizon`, with at most `limit` of
/// each (the most urgent), so a page over a long search stays small.
pub async fn agenda_page(
    conn: &mut Conn,
    now: Timestamp,
    horizon: Timestamp,
    limit: usize,
) -> Result<AgendaPage> {
    let (now, horizon) = (ns(now), ns(horizon));
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    // The same boundaries as followup_plan::open_status: due until the deadline itself. The
    // deadline index holds every column counted, so the table itself is never read.
    let counts = sqlx::query(sql(
        &*conn,
        "SELECT COALESCE(SUM(CASE WHEN due_ns < ?1 THEN 1 ELSE 0 END), 0),
                COALESCE(SUM(CASE WHEN opens_ns <= ?1 AND due_ns >= ?1 THEN 1 ELSE 0 END), 0),
                COALESCE(SUM(CASE WHEN opens_ns > ?1 THEN 1 ELSE 0 END), 0)
         FROM planned_actions INDEXED BY planned_actions_by_deadline
         WHERE opens_ns <= ?2 AND archived = 0",
    ))
    .bind(now)
    .bind(horizon)
    .fetch_one(&mut *conn)
    .await?;
    let count =
        |i: usize| -> Result<u64> { Ok(u64::try_from(counts.try_get::<i64, _>(i)?).unwrap_or(0)) };
    let at = Timestamp::from_nanosecond(i128::from(now)).unwrap_or(Timestamp::UNIX_EPOCH);
    let mut items = Vec::new();
    for filter in [
        "due_ns < ?2 AND archived = 0 ORDER BY due_ns LIMIT ?3",
        "opens_ns <= ?2 AND due_ns >= ?2 AND archived = 0 ORDER BY due_ns LIMIT ?3",
        "opens_ns > ?2 AND opens_ns <= ?1 AND archived = 0 ORDER BY due_ns LIMIT ?3",
    ] {
        items.extend(agenda_items(conn, at, filter, &[horizon, now, limit]).await?);
    }
    items.sort_by_cached_key(urgency);
    Ok(AgendaPage {
        overdue: count(0)?,
        due: count(1)?,
        upcoming: count(2)?,
        items,
    })
}

/// How many follow-ups of each status there are, and the most urgent of each.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AgendaPage {
    pub overdue: u64,
    pub due: u64,
    pub upcoming: u64,
    pub items: Vec<AgendaItem>,
}

/// Most urgent first; at the same deadline, the essential kinds before the extras.
fn urgency(i: &AgendaItem) -> (Timestamp, Option<usize>, String, String) {
    let kind = followup_core::ActionKind::ALL
        .iter()
        .position(|k| *k == i.action.kind);
    (
        i.action.due.timestamp(),
        kind,
        i.application.clone(),
        i.action.name().to_string(),
    )
}

/// The planned actions matching `filter` (SQL after WHERE, with ?1… bound to `binds`), with
/// their status at `now`, most urgent first.
async fn agenda_items(
    conn: &mut Conn,
    now: Timestamp,
    filter: &str,
    binds: &[i64],
) -> Result<Vec<AgendaItem>> {
    // One row holding a JSON array: the driver hands rows over one by one between threads,
    // which for a long agenda costs more than the query itself.
    let (list, object, optional) = if is_postgres(conn) {
        ("json_agg", "json_build_object", "optional <> 0")
    } else {
        (
            "json_group_array",
            "json_object",
            "json(CASE WHEN optional THEN 'true' ELSE 'false' END)",
        )
    };
    let text = format!(
        "SELECT {list}({object}(
             'application_id', application_id, 'kind', kind, 'round_id', round_id,
             'contact_id', contact_id, 'n', n, 'channel', channel, 'opens', opens, 'due', due,
             'late_after', late_after, 'suggested', suggested, 'zone', zone,
             'optional', {optional},
             'alternative_to', alternative_to, 'reason', reason, 'company', company,
             'role', role, 'contact_name', contact_name)){cast}
         FROM (SELECT * FROM planned_actions WHERE {filter}) AS kept",
        cast = if is_postgres(conn) { "::text" } else { "" },
    );
    let mut query = sqlx::query_scalar(sql(conn, &text));
    for b in binds {
        query = query.bind(*b);
    }
    let text: Option<String> = query.fetch_one(&mut *conn).await?;
    let text = text.unwrap_or_else(|| "[]".into());
    let kept: Vec<KeptAction> = serde_json::from_str(&text).map_err(|e| StoreError::Corrupt {
        what: "planned_actions".into(),
        value: text.chars().take(200).collect(),
        reason: e.to_string(),
    })?;
    let corrupt = |what: &str, value: &str, reason: String| StoreError::Corrupt {
        what: what.into(),
        value: value.into(),
        reason,
    };
    let moment = |what: &str, text: &str| {
        Moment::parse_rfc3339(text).map_err(|reason| corrupt(what, text, reason))
    };
    let mut items = kept
        .into_iter()
        .map(|k| {
            let opens = moment("planned_actions.opens", &k.opens)?;
            let due = moment("planned_actions.due", &k.due)?;
            let late_after = k
                .late_after
                .as_deref()
                .map(|l| moment("planned_actions.late_after", l))
                .transpose()?;
            let (status, late) = open_status(
                opens.timestamp(),
                due.timestamp(),
                late_after.map(|l| l.timestamp()),
                now,
            );
            Ok(AgendaItem {
                application: k.application_id,
                company: k.company,
                role: k.role,
                name: k.contact_name,
                zone: k.zone.clone(),
                action: Action {
                    kind: k.kind.parse().map_err(|e: followup_core::UnknownWord| {
                        corrupt("planned_actions.kind", &k.kind, e.to_string())
                    })?,
                    interview: k.round_id,
                    to: k.contact_id,
                    n: k.n,
                    channel: k.channel.parse().map_err(|e: followup_core::UnknownWord| {
                        corrupt("planned_actions.channel", &k.channel, e.to_string())
                    })?,
                    opens,
                    due,
                    late_after,
                    suggested: moment("planned_actions.suggested", &k.suggested)?,
                    status,
                    late,
                    optional: k.optional,
                    alternative_to: k.alternative_to,
                    reason: k.reason,
                    zone: k.zone,
                },
            })
        })
        .collect::<Result<Vec<_>>>()?;
    items.sort_by_cached_key(urgency);
    Ok(items)
}

/// The status an application's kept plan gives it at `now`.
pub fn status_at(
    outcome: Option<&str>,
    quiet_from_ns: Option<i64>,
    thank_yous_done: bool,
    now: Timestamp,
) -> followup_plan::AppStatus {
    let outcome = outcome.and_then(|o| o.parse::<Outcome>().ok());
    let quiet = quiet_from_ns.and_then(|q| Timestamp::from_nanosecond(i128::from(q)).ok());
    followup_plan::app_status(outcome, quiet, thank_yous_done, now)
}
