//! Charts over time, drawn with plotters to PNG (bitmap backend) and SVG:
//! fund assets, share price, staked value, and cumulative haircuts with the
//! outstanding bad debt. Text is set in DejaVu Sans, embedded in the binary
//! (the `dejavu` crate) and rendered by `ab_glyph`, so no system font is
//! needed. Several runs overlay on the same panels: the first solid, the
//! others dashed.

use std::path::{Path, PathBuf};
use std::sync::Once;

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::sim::{SimResult, Snapshot};
use crate::units::tokens_f64;

const FONT: &str = "sans-serif";

fn register_font() -> Result<(), String> {
    static ONCE: Once = Once::new();
    let mut result = Ok(());
    ONCE.call_once(|| {
        result = plotters::style::register_font(FONT, FontStyle::Normal, dejavu::sans::regular())
            .map_err(|_| "the embedded DejaVu Sans font does not load".to_string());
    });
    result
}

/// One line: its label and its (time, value) points.
struct Line {
    label: String,
    points: Vec<(f64, f64)>,
}

/// A step line through the snapshots (setup first): the value holds until
/// the next event changes it. Points where nothing changes are dropped.
fn steps(r: &SimResult, unit: f64, value: impl Fn(&Snapshot) -> f64) -> Vec<(f64, f64)> {
    let mut pts = vec![(0.0, value(&r.setup.state))];
    let mut last = pts[0].1;
    for e in &r.events {
        let (t, v) = (e.time as f64 / unit, value(&e.state));
        if v != last {
            pts.push((t, last));
            pts.push((t, v));
            last = v;
        }
    }
    pts.push((f64::MAX, last));
    pts
}

struct Panel {
    title: &'static str,
    y_desc: String,
    lines: Vec<(usize, Line)>,
    /// Where the legend goes: where the lines are not, usually.
    legend: SeriesLabelPosition,
}

fn panels(runs: &[&SimResult], unit: f64) -> Vec<Panel> {
    let symbol = runs[0].symbol.clone();
    let mut out = vec![
        Panel {
            title: "Fund assets",
            y_desc: symbol.clone(),
            lines: vec![],
            legend: SeriesLabelPosition::LowerLeft,
        },
        Panel {
            title: "Share price",
            y_desc: format!("{symbol} per share"),
            lines: vec![],
            legend: SeriesLabelPosition::LowerLeft,
        },
        Panel {
            title: "Staked value",
            y_desc: symbol.clone(),
            lines: vec![],
            legend: SeriesLabelPosition::LowerLeft,
        },
        Panel {
            title: "Cumulative haircuts and bad debt",
            y_desc: symbol,
            lines: vec![],
            legend: SeriesLabelPosition::UpperLeft,
        },
    ];
    let multi = runs.len() > 1;
    for (i, r) in runs.iter().enumerate() {
        let d = r.decimals;
        let tag = |s: &str| {
            if multi {
                format!("{}: {s}", (b'A' + i as u8) as char)
            } else {
                s.to_string()
            }
        };
        let tok = move |v: cosmwasm_std::Uint128| tokens_f64(v.u128(), d);
        out[0].lines.push((
            i,
            Line {
                label: tag("vault assets"),
                points: steps(r, unit, |s| tok(s.vault_assets)),
            },
        ));
        out[1].lines.push((
            i,
            Line {
                label: tag("share price"),
                points: steps(r, unit, |s| {
                    s.share_price.to_string().parse::<f64>().unwrap_or(0.0)
                }),
            },
        ));
        out[2].lines.push((
            i,
            Line {
                label: tag("staked shares' value"),
                points: steps(r, unit, |s| tok(s.staked_value)),
            },
        ));
        out[3].lines.push((
            i,
            Line {
                label: tag("trader haircuts"),
                points: steps(r, unit, |s| tok(s.trader_haircuts)),
            },
        ));
        out[3].lines.push((
            i,
            Line {
                label: tag("LP haircuts"),
                points: steps(r, unit, |s| tok(s.lp_haircuts)),
            },
        ));
        out[3].lines.push((
            i,
            Line {
                label: tag("bad debt outstanding"),
                points: steps(r, unit, |s| tok(s.bad_debt)),
            },
        ));
    }
    // a line that stays at zero says nothing, unless the panel has no other
    for p in &mut out {
        let zero = |l: &Line| l.points.iter().all(|(_, y)| *y == 0.0);
        if p.lines.iter().any(|(_, l)| !zero(l)) {
            p.lines.retain(|(_, l)| !zero(l));
        }
    }
    out
}

const COLORS: [RGBColor; 4] = [
    RGBColor(31, 119, 180),
    RGBColor(214, 39, 40),
    RGBColor(44, 160, 44),
    RGBColor(148, 103, 189),
];

fn draw<DB: DrawingBackend>(
    root: DrawingArea<DB, Shift>,
    title: &str,
    runs: &[&SimResult],
) -> Result<(), String>
where
    DB::ErrorType: 'static,
{
    let e = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    let end = runs
        .iter()
        .filter_map(|r| r.events.last().map(|e| e.time))
        .max()
        .unwrap_or(0);
    let (unit, unit_name) = if end <= 3 * 86_400 {
        (3_600.0, "hours")
    } else {
        (86_400.0, "days")
    };
    // room after the last event, so that its step shows
    let x_max = (end as f64 / unit * 1.15).max(1.0);
    root.fill(&WHITE).map_err(e)?;
    let root = root
        .titled(title, (FONT, 26).into_font().color(&BLACK))
        .map_err(e)?;
    let areas = root.split_evenly((2, 2));
    for (area, mut panel) in areas.iter().zip(panels(runs, unit)) {
        // every line runs to the right edge
        for (_, l) in panel.lines.iter_mut() {
            if let Some(p) = l.points.last_mut() {
                p.0 = x_max;
            }
        }
        let (mut lo, mut hi) = (f64::MAX, f64::MIN);
        for (_, l) in &panel.lines {
            for (_, y) in &l.points {
                lo = lo.min(*y);
                hi = hi.max(*y);
            }
        }
        // headroom above the lines for the legend
        if panel.title == "Share price" {
            let span = (hi - lo).max(hi.abs() * 0.02).max(1e-9);
            lo = (lo - span * 0.1).max(0.0);
            hi += span * 0.15;
        } else {
            lo = 0.0;
            hi = (hi * 1.15).max(1.0);
        }
        let mut chart = ChartBuilder::on(area)
            .caption(panel.title, (FONT, 20))
            .margin(12)
            .x_label_area_size(36)
            .y_label_area_size(78)
            .build_cartesian_2d(0f64..x_max, lo..hi)
            .map_err(e)?;
        chart
            .configure_mesh()
            .x_desc(unit_name)
            .y_desc(panel.y_desc.as_str())
            .label_style((FONT, 13))
            .axis_desc_style((FONT, 14))
            .y_label_formatter(&|v| short(*v))
            .light_line_style(WHITE.mix(0.0))
            .draw()
            .map_err(e)?;
        let legend = panel.legend;
        // a series keeps its colour in every run: the k-th kind of line
        let mut kinds: Vec<String> = vec![];
        for (run, line) in panel.lines {
            let kind = line
                .label
                .split(": ")
                .last()
                .unwrap_or_default()
                .to_string();
            let k = kinds.iter().position(|x| *x == kind).unwrap_or_else(|| {
                kinds.push(kind);
                kinds.len() - 1
            });
            let color = COLORS[k % COLORS.len()];
            let style = color.stroke_width(2);
            let series = if run == 0 {
                chart
                    .draw_series(LineSeries::new(line.points, style))
                    .map_err(e)?
            } else {
                chart
                    .draw_series(DashedLineSeries::new(line.points, 8, 5, style))
                    .map_err(e)?
            };
            let dashed = run > 0;
            series.label(line.label).legend(move |(x, y)| {
                if dashed {
                    PathElement::new(vec![(x, y), (x + 8, y)], color.stroke_width(2))
                } else {
                    PathElement::new(vec![(x, y), (x + 20, y)], color.stroke_width(2))
                }
            });
        }
        chart
            .configure_series_labels()
            .position(legend)
            .label_font((FONT, 13))
            .background_style(WHITE.mix(0.85))
            .border_style(BLACK.mix(0.4))
            .draw()
            .map_err(e)?;
    }
    root.present().map_err(e)?;
    Ok(())
}

/// `1234567.0` as `1.23M`.
fn short(v: f64) -> String {
    let a = v.abs();
    if a >= 1e9 {
        format!("{:.2}B", v / 1e9)
    } else if a >= 1e6 {
        format!("{:.2}M", v / 1e6)
    } else if a >= 1e3 {
        format!("{:.1}k", v / 1e3)
    } else if a >= 10.0 || a == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.4}")
    }
}

/// Writes `<base>.png` and `<base>.svg` with `runs` overlaid; returns both
/// paths.
pub fn write(runs: &[&SimResult], title: &str, base: &Path) -> Result<Vec<PathBuf>, String> {
    register_font()?;
    if let Some(dir) = base.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let png = base.with_extension("png");
    let svg = base.with_extension("svg");
    let size = (1400, 900);
    draw(
        BitMapBackend::new(&png, size).into_drawing_area(),
        title,
        runs,
    )
    .map_err(|e| format!("{}: {e}", png.display()))?;
    draw(SVGBackend::new(&svg, size).into_drawing_area(), title, runs)
        .map_err(|e| format!("{}: {e}", svg.display()))?;
    Ok(vec![png, svg])
}
