//! Waterfall rules: each layer's kind and cap, validation, which changes
//! raise risk (and wait for the timelock), and queued changes maturing.

use cosmwasm_std::Decimal;

use super::{Layer, LayerKind, Waterfall};
use crate::params::{check_fraction, ParamError};

impl Layer {
    /// The layer's kind.
    pub fn kind(&self) -> LayerKind {
        match self {
            Layer::StakerSlash { .. } => LayerKind::StakerSlash,
            Layer::Vault { .. } => LayerKind::Vault,
            Layer::TraderProfitHaircut { .. } => LayerKind::TraderProfitHaircut,
            Layer::LpHaircut { .. } => LayerKind::LpHaircut,
        }
    }

    /// The layer's cap.
    pub fn cap(&self) -> Decimal {
        match *self {
            Layer::StakerSlash { max_ratio }
            | Layer::TraderProfitHaircut { max_ratio }
            | Layer::LpHaircut { max_ratio } => max_ratio,
            Layer::Vault { max_fraction } => max_fraction,
        }
    }
}

impl LayerKind {
    /// The parameter name of the layer's cap, for errors.
    pub fn cap_name(&self) -> &'static str {
        match self {
            LayerKind::StakerSlash => "staker_slash.max_ratio",
            LayerKind::Vault => "vault.max_fraction",
            LayerKind::TraderProfitHaircut => "trader_profit_haircut.max_ratio",
            LayerKind::LpHaircut => "lp_haircut.max_ratio",
        }
    }

    /// The layer's name in events and errors.
    pub fn name(&self) -> &'static str {
        match self {
            LayerKind::StakerSlash => "staker_slash",
            LayerKind::Vault => "vault",
            LayerKind::TraderProfitHaircut => "trader_profit_haircut",
            LayerKind::LpHaircut => "lp_haircut",
        }
    }
}

/// Checks a waterfall: not empty, no layer twice, every cap at most one,
/// and a staker layer only when a staking contract is configured.
pub fn validate_layers(layers: &[Layer], has_staking: bool) -> Result<(), ParamError> {
    if layers.is_empty() {
        return Err(ParamError::InvalidText {
            name: "layers",
            reason: "must not be empty",
        });
    }
    for (i, layer) in layers.iter().enumerate() {
        let kind = layer.kind();
        if layers[..i].iter().any(|l| l.kind() == kind) {
            return Err(ParamError::Duplicate {
                name: "layers",
                item: kind.name().to_string(),
            });
        }
        check_fraction(kind.cap_name(), layer.cap())?;
        if kind == LayerKind::StakerSlash && !has_staking {
            return Err(ParamError::InvalidText {
                name: "layers",
                reason: "staker_slash needs a staking contract",
            });
        }
    }
    Ok(())
}

/// Whether moving from `old` to `new` raises anyone's risk, and so waits
/// for the timelock:
/// * a layer added, a cap raised, or a layer moved earlier (which also
///   happens when a layer before it is removed) raises that layer's share;
/// * a cap lowered, or a layer removed, shifts loss onto every layer after
///   it: it raises their share unless no layer follows (only the residual
///   bad debt then grows). Cutting the vault's cap to zero thus waits, as
///   removing the vault layer does.
pub fn raises_risk(old: &[Layer], new: &[Layer]) -> bool {
    let raised = new.iter().enumerate().any(|(i, layer)| {
        match old.iter().position(|o| o.kind() == layer.kind()) {
            None => true,
            Some(j) => i < j || layer.cap() > old[j].cap(),
        }
    });
    raised
        || old
            .iter()
            .enumerate()
            .any(|(j, o)| cut_before_others(o, j, old, new))
}

/// Whether `o` (at `j` in `old`) loses cap or is removed in `new` while a
/// layer still in `new` came after it.
fn cut_before_others(o: &Layer, j: usize, old: &[Layer], new: &[Layer]) -> bool {
    let cut = new
        .iter()
        .find(|l| l.kind() == o.kind())
        .map_or(true, |l| l.cap() < o.cap());
    cut && old[j + 1..]
        .iter()
        .any(|later| new.iter().any(|l| l.kind() == later.kind()))
}

impl Waterfall {
    /// When a change queued at `now` comes into force: strictly after the
    /// timelock, which is at least the unbonding period, so a staker who
    /// starts unbonding when the change is announced can claim in the last
    /// second before it applies, and a report ordered first in that block
    /// still uses the old terms.
    pub fn eta(&self, now: u64) -> u64 {
        now.saturating_add(self.timelock_seconds).saturating_add(1)
    }

    /// Applies queued changes whose time has come. Returns whether anything
    /// changed.
    pub fn mature(&mut self, now: u64) -> bool {
        let mut changed = false;
        if let Some(p) = self.pending_layers.take_if(|p| p.eta <= now) {
            self.layers = p.value;
            changed = true;
        }
        if let Some(p) = self.pending_timelock.take_if(|p| p.eta <= now) {
            self.timelock_seconds = p.value;
            changed = true;
        }
        if let Some(p) = self.pending_limits.take_if(|p| p.eta <= now) {
            self.limits = p.value;
            changed = true;
        }
        if let Some(p) = self.pending_recovery_order.take_if(|p| p.eta <= now) {
            self.recovery_order = p.value;
            changed = true;
        }
        changed
    }
}

/// Layer names in order, comma-separated (for events).
pub fn layer_names(layers: &[Layer]) -> String {
    layers
        .iter()
        .map(|l| l.kind().name())
        .collect::<Vec<_>>()
        .join(",")
}
