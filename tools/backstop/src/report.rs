//! What the terminal shows: the waterfall per event, gains and losses per
//! group of actors, the layers' totals, and two runs side by side.

use cosmwasm_std::{Decimal, Uint128};

use crate::sim::{EventRecord, SimResult};
use crate::units::{fmt_percent, fmt_signed_tokens, fmt_time, fmt_tokens, thousands};

/// Column alignment.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Left.
    Left,
    /// Right.
    Right,
}

/// Renders rows under headers, each column as wide as its widest cell.
/// A row of one cell is printed as is, spanning the table (a note).
pub fn table(headers: &[&str], align: &[Align], rows: &[Vec<String>]) -> String {
    let n = headers.len();
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for r in rows.iter().filter(|r| r.len() == n) {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |cells: &[String]| -> String {
        let mut out = String::new();
        for (i, c) in cells.iter().enumerate() {
            let pad = widths[i].saturating_sub(c.chars().count());
            if i > 0 {
                out.push_str("  ");
            }
            if align[i] == Align::Right {
                out.push_str(&" ".repeat(pad));
                out.push_str(c);
            } else {
                out.push_str(c);
                if i + 1 < cells.len() {
                    out.push_str(&" ".repeat(pad));
                }
            }
        }
        out.trim_end().to_string()
    };
    let mut out = line(&headers.iter().map(|h| h.to_string()).collect::<Vec<_>>());
    out.push('\n');
    let total: usize = widths.iter().sum::<usize>() + 2 * (n - 1);
    out.push_str(&"─".repeat(total));
    out.push('\n');
    for r in rows {
        if r.len() == n {
            out.push_str(&line(r));
        } else {
            out.push_str(&r.join(" "));
        }
        out.push('\n');
    }
    out
}

fn amount(v: Uint128, decimals: u32) -> String {
    if v.is_zero() {
        "·".into()
    } else {
        fmt_tokens(v.u128(), decimals)
    }
}

fn ratio(r: Decimal) -> String {
    if r.is_zero() {
        "·".into()
    } else {
        fmt_percent(r)
    }
}

fn gas(g: Option<u64>) -> String {
    g.map_or("-".into(), |g| thousands(u128::from(g)))
}

fn event_row(e: &EventRecord, decimals: u32) -> Vec<String> {
    let label = if e.ok {
        e.label.clone()
    } else {
        format!("✗ {}", e.label)
    };
    let mut row = vec![e.index.to_string(), fmt_time(e.time), label];
    match &e.shortfall {
        Some(s) => row.extend([
            amount(s.accepted, decimals),
            amount(s.stakers, decimals),
            amount(s.vault, decimals),
            amount(s.traders, decimals),
            ratio(s.trader_ratio),
            amount(s.lps, decimals),
            ratio(s.lp_ratio),
            amount(s.residual, decimals),
            amount(s.bad_debt, decimals),
        ]),
        None => row.extend(std::iter::repeat_n(String::new(), 9)),
    }
    row.push(gas(e.gas));
    row.push(e.executions.to_string());
    row
}

/// The line under a recovery: where each part of it went, in the
/// socializer's words (`to_debt`, `to_haircuts`, `to_lps`, `to_vault`,
/// `to_stakers`, `refunded`); parts that are zero are left out.
pub fn recovery_line(rc: &crate::sim::RecoveryRecord, d: u32) -> String {
    let parts = [
        ("bad debt", rc.to_debt),
        ("haircut traders", rc.to_haircuts),
        ("LPs", rc.to_lps),
        ("vault", rc.to_vault),
        ("stakers", rc.to_stakers),
    ];
    let repaid: Vec<String> = parts
        .iter()
        .filter(|(_, v)| !v.is_zero())
        .map(|(name, v)| format!("{name} {}", fmt_tokens(v.u128(), d)))
        .collect();
    let repaid = match repaid.is_empty() {
        true => "nothing".to_string(),
        false => repaid.join(", "),
    };
    format!(
        "{:>8}↳ repaid {repaid}; refunded {}",
        "",
        fmt_tokens(rc.refunded.u128(), d)
    )
}

/// The per-event waterfall. With more than `max_rows` events, only the
/// shortfalls and failures are listed (up to `max_rows`); under each
/// recovery, where its parts went.
pub fn waterfall(r: &SimResult, max_rows: usize) -> String {
    let d = r.decimals;
    let headers = [
        "#",
        "time",
        "event",
        "shortfall",
        "stakers",
        "vault",
        "traders",
        "ratio",
        "LPs",
        "ratio",
        "residual",
        "bad debt",
        "gas",
        "exec",
    ];
    let mut align = vec![Align::Right, Align::Left, Align::Left];
    align.extend(std::iter::repeat_n(Align::Right, 11));
    let mut rows = vec![event_row(&r.setup, d)];
    rows[0][0] = "0".into();
    let all = r.events.len() <= max_rows;
    let mut shown = 0;
    let mut hidden = 0;
    for e in &r.events {
        let keep = all || e.shortfall.is_some() || (!e.ok && e.txs > 0);
        if !keep || shown >= max_rows {
            hidden += 1;
            continue;
        }
        shown += 1;
        rows.push(event_row(e, d));
        if let Some(err) = &e.error {
            rows.push(vec![format!("{:>8}↳ {}", "", one_line(err, 110))]);
        }
        if let Some(rc) = &e.recovery {
            rows.push(vec![recovery_line(rc, d)]);
        }
        if let Some(s) = &e.shortfall {
            if !s.unbacked.is_zero() {
                rows.push(vec![format!(
                    "{:>8}↳ {} reported above the declared exposure: not covered",
                    "",
                    fmt_tokens(s.unbacked.u128(), d)
                )]);
            }
        }
    }
    // layers the profile does not deploy have no column
    if r.profile != crate::scenario::Profile::Full {
        let drop = [4usize, 6, 7, 8, 9];
        let keep = |row: &Vec<String>| -> Vec<String> {
            row.iter()
                .enumerate()
                .filter(|(i, _)| !drop.contains(i))
                .map(|(_, c)| c.clone())
                .collect()
        };
        for row in rows.iter_mut().filter(|r| r.len() == headers.len()) {
            *row = keep(row);
        }
        let headers: Vec<&str> = headers
            .iter()
            .enumerate()
            .filter(|(i, _)| !drop.contains(i))
            .map(|(_, h)| *h)
            .collect();
        let align: Vec<Align> = align
            .iter()
            .enumerate()
            .filter(|(i, _)| !drop.contains(i))
            .map(|(_, a)| *a)
            .collect();
        return render_waterfall(r, &headers, &align, &rows, hidden);
    }
    render_waterfall(r, &headers, &align, &rows, hidden)
}

fn render_waterfall(
    r: &SimResult,
    headers: &[&str],
    align: &[Align],
    rows: &[Vec<String>],
    hidden: usize,
) -> String {
    let mut out = format!(
        "{} — engine {}, profile {}, amounts in {}\n\n",
        r.scenario,
        r.engine.name(),
        r.profile.name(),
        r.symbol
    );
    out.push_str(&table(headers, align, rows));
    if hidden > 0 {
        out.push_str(&format!(
            "… {hidden} more events not listed (every event is in the JSON result)\n"
        ));
    }
    out
}

fn one_line(s: &str, max: usize) -> String {
    let s = s.replace('\n', " ");
    if s.chars().count() > max {
        let cut: String = s.chars().take(max).collect();
        format!("{cut}…")
    } else {
        s
    }
}

/// Gains and losses per group of actors.
pub fn gains(r: &SimResult) -> String {
    let d = r.decimals;
    let mut rows = vec![];
    for a in &r.actors {
        let gain: i128 = a.gain.parse().unwrap_or(0);
        rows.push(vec![
            a.group.clone(),
            a.name.clone(),
            format!("{} {}", fmt_tokens(a.base.u128(), d), a.base_is),
            fmt_signed_tokens(gain, d),
            a.percent.map_or("—".into(), |p| format!("{p:+.2}%")),
        ]);
    }
    let mut out =
        String::from("Who gained or lost (positions valued at the end, in the asset)\n\n");
    out.push_str(&table(
        &["group", "name", "of", "gain / loss", "%"],
        &[
            Align::Left,
            Align::Left,
            Align::Right,
            Align::Right,
            Align::Right,
        ],
        &rows,
    ));
    out
}

/// Totals per layer and the run's figures.
pub fn summary(r: &SimResult) -> String {
    let d = r.decimals;
    let t = &r.totals;
    let f = |v: Uint128| fmt_tokens(v.u128(), d);
    let share = |v: Uint128| {
        if t.accepted.is_zero() {
            "".to_string()
        } else {
            format!("{:.2}%", v.u128() as f64 / t.accepted.u128() as f64 * 100.0)
        }
    };
    let rows = vec![
        vec!["reported".into(), f(t.reported), String::new()],
        vec![
            "accepted (within declared exposure)".into(),
            f(t.accepted),
            share(t.accepted),
        ],
        vec![
            "covered by stakers (slashed)".into(),
            f(t.stakers),
            share(t.stakers),
        ],
        vec!["covered by the vault".into(), f(t.vault), share(t.vault)],
        vec![
            "covered by trader haircuts".into(),
            f(t.traders),
            share(t.traders),
        ],
        vec!["covered by LP haircuts".into(), f(t.lps), share(t.lps)],
        vec!["left as bad debt".into(), f(t.residual), share(t.residual)],
        vec![
            "recoveries: bad debt repaid".into(),
            f(t.recovered_debt),
            String::new(),
        ],
        vec![
            "recoveries: haircuts repaid".into(),
            f(t.recovered_haircuts),
            String::new(),
        ],
        vec![
            "recoveries: LP pools repaid".into(),
            f(t.recovered_lps),
            String::new(),
        ],
        vec![
            "recoveries: paid to the vault".into(),
            f(t.recovered_vault),
            String::new(),
        ],
        vec![
            "recoveries: restored to stakers".into(),
            f(t.recovered_stakers),
            String::new(),
        ],
    ];
    let mut out = format!("Layers over {} shortfalls\n\n", t.shortfalls);
    out.push_str(&table(
        &["", "amount", "of accepted"],
        &[Align::Left, Align::Right, Align::Right],
        &rows,
    ));
    let fs = &r.final_state;
    out.push_str(&format!(
        "\nEnd: vault assets {}, share price {}, staked {}\n",
        f(fs.vault.total_assets),
        fs.vault.price,
        fs.staking
            .as_ref()
            .map_or("-".into(), |s| format!("{} shares", f(s.total_tokens)))
    ));
    let rejected = r.events.iter().filter(|e| !e.ok).count();
    let execs = r.totals.executions - r.setup.executions;
    out.push_str(&format!(
        "Run: {} events ({} not carried out), {} contract executions ({} in setup), gas {}{}, {:.2} s, {:.0} executions/s\n",
        r.events.len(),
        rejected,
        thousands(u128::from(r.totals.executions)),
        r.setup.executions,
        gas(r.totals.gas),
        if r.totals.gas.is_some() {
            " SDK gas (+ wasmd's 60,000 per execution)"
        } else {
            ""
        },
        r.wall_seconds,
        if r.wall_seconds > 0.0 {
            execs as f64 / r.wall_seconds
        } else {
            0.0
        }
    ));
    out
}

/// Two runs side by side.
pub fn compare(a: &SimResult, b: &SimResult) -> String {
    let d = a.decimals;
    let f = |v: Uint128| fmt_tokens(v.u128(), d);
    let diff = |x: Uint128, y: Uint128| fmt_signed_tokens(y.u128() as i128 - x.u128() as i128, d);
    let mut rows = vec![];
    let mut amount_row = |name: &str, x: Uint128, y: Uint128| {
        rows.push(vec![name.to_string(), f(x), f(y), diff(x, y)]);
    };
    let (ta, tb) = (&a.totals, &b.totals);
    amount_row("reported", ta.reported, tb.reported);
    amount_row("covered by stakers", ta.stakers, tb.stakers);
    amount_row("covered by the vault", ta.vault, tb.vault);
    amount_row("covered by trader haircuts", ta.traders, tb.traders);
    amount_row("covered by LP haircuts", ta.lps, tb.lps);
    amount_row("left as bad debt", ta.residual, tb.residual);
    amount_row(
        "vault assets at the end",
        a.final_state.vault.total_assets,
        b.final_state.vault.total_assets,
    );
    let sv = |r: &SimResult| {
        r.events
            .last()
            .map_or(r.setup.state.staked_value, |e| e.state.staked_value)
    };
    amount_row("staked value at the end", sv(a), sv(b));
    rows.push(vec![
        "share price at the end".into(),
        a.final_state.vault.price.to_string(),
        b.final_state.vault.price.to_string(),
        String::new(),
    ]);
    let pct = |p: Option<f64>| p.map_or("—".into(), |p| format!("{p:+.2}%"));
    for x in &a.actors {
        let y = b
            .actors
            .iter()
            .find(|y| y.group == x.group && y.name == x.name);
        let ga: i128 = x.gain.parse().unwrap_or(0);
        let (gb, pb) = y.map_or((None, None), |y| (y.gain.parse::<i128>().ok(), y.percent));
        rows.push(vec![
            format!("{} {}", x.group, x.name),
            format!("{} ({})", fmt_signed_tokens(ga, d), pct(x.percent)),
            gb.map_or("—".into(), |g| {
                format!("{} ({})", fmt_signed_tokens(g, d), pct(pb))
            }),
            gb.map_or(String::new(), |g| fmt_signed_tokens(g - ga, d)),
        ]);
    }
    for y in &b.actors {
        if !a
            .actors
            .iter()
            .any(|x| x.group == y.group && x.name == y.name)
        {
            let g: i128 = y.gain.parse().unwrap_or(0);
            rows.push(vec![
                format!("{} {}", y.group, y.name),
                "—".into(),
                format!("{} ({})", fmt_signed_tokens(g, d), pct(y.percent)),
                String::new(),
            ]);
        }
    }
    let mut out = format!("A: {}\nB: {}\n\n", a.scenario, b.scenario);
    out.push_str(&table(
        &["", "A", "B", "B − A"],
        &[Align::Left, Align::Right, Align::Right, Align::Right],
        &rows,
    ));
    out
}
