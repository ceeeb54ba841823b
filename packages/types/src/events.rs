//! Typed events. Each struct turns into a `cosmwasm_std::Event` and parses
//! back from one, so integrators and tests read events by field instead of
//! matching strings.
//!
//! wasmd prefixes a contract's custom event types with `wasm-`; parsing accepts
//! the type with or without that prefix and ignores attributes it does not know
//! (such as `_contract_address`).

use cosmwasm_std::Event;
use thiserror::Error;

/// Why an event could not be read as a typed event.
#[derive(Error, Debug, Clone, PartialEq, Eq)]
pub enum EventParseError {
    /// The event has another type.
    #[error("expected event type {expected}, got {got}")]
    WrongType {
        /// The type expected.
        expected: &'static str,
        /// The type found.
        got: String,
    },
    /// A field is missing.
    #[error("event {event} has no attribute {key}")]
    Missing {
        /// The event type.
        event: &'static str,
        /// The missing attribute.
        key: &'static str,
    },
    /// A field does not parse.
    #[error("event {event} attribute {key} does not parse: {value}")]
    Invalid {
        /// The event type.
        event: &'static str,
        /// The attribute.
        key: &'static str,
        /// Its value.
        value: String,
    },
}

/// Whether `event` has the type `ty`, with or without wasmd's `wasm-` prefix.
pub fn is_type(event: &Event, ty: &str) -> bool {
    event.ty == ty || event.ty.strip_prefix("wasm-") == Some(ty)
}

/// Reads attribute `key` of `event` and parses it.
pub fn attr<T: std::str::FromStr>(
    event: &Event,
    ty: &'static str,
    key: &'static str,
) -> Result<T, EventParseError> {
    let value = event
        .attributes
        .iter()
        .find(|a| a.key == key)
        .ok_or(EventParseError::Missing { event: ty, key })?;
    value.value.parse().map_err(|_| EventParseError::Invalid {
        event: ty,
        key,
        value: value.value.clone(),
    })
}

/// An attribute value's text. One function serves every value type, so
/// `ToString` is not linked again for each type an event carries.
#[inline(never)]
pub fn text(value: &dyn std::fmt::Display) -> String {
    value.to_string()
}

/// Declares a typed event: a struct with one attribute per field, its
/// conversion into an `Event`, and its parsing back.
///
/// Field types must implement `Display` and `FromStr` (addresses are carried
/// as `String`).
#[macro_export]
macro_rules! typed_event {
    (
        $(#[$meta:meta])*
        $name:ident = $ty:literal {
            $( $(#[$fmeta:meta])* $field:ident : $fty:ty ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub struct $name {
            $( $(#[$fmeta])* pub $field: $fty, )*
        }

        impl $name {
            /// The event type, before wasmd adds its `wasm-` prefix.
            pub const TYPE: &'static str = $ty;

            /// Finds and parses the first event of this type among `events`.
            pub fn find(events: &[::cosmwasm_std::Event]) -> Option<Self> {
                events.iter().find_map(|e| Self::try_from(e).ok())
            }
        }

        impl From<$name> for ::cosmwasm_std::Event {
            fn from(e: $name) -> Self {
                ::cosmwasm_std::Event::new($ty)
                    $( .add_attribute(stringify!($field), $crate::events::text(&e.$field)) )*
            }
        }

        impl TryFrom<&::cosmwasm_std::Event> for $name {
            type Error = $crate::events::EventParseError;

            fn try_from(event: &::cosmwasm_std::Event) -> Result<Self, Self::Error> {
                if !$crate::events::is_type(event, $ty) {
                    return Err($crate::events::EventParseError::WrongType {
                        expected: $ty,
                        got: event.ty.clone(),
                    });
                }
                Ok(Self {
                    $( $field: $crate::events::attr(event, $ty, stringify!($field))?, )*
                })
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use cosmwasm_std::{Event, Uint128};

    crate::typed_event! {
        /// A test event.
        Sample = "backstop-test" {
            /// who
            who: String,
            /// how much
            amount: Uint128,
        }
    }

    #[test]
    fn a_typed_event_round_trips_through_an_event() {
        let e = Sample {
            who: "alice".into(),
            amount: Uint128::new(7),
        };
        let raw: Event = e.clone().into();
        assert_eq!(raw.ty, "backstop-test");
        assert_eq!(Sample::try_from(&raw), Ok(e.clone()));
        let mut prefixed = raw.clone();
        prefixed.ty = "wasm-backstop-test".into();
        prefixed = prefixed.add_attribute("_contract_address", "c");
        assert_eq!(Sample::find(&[Event::new("other"), prefixed]), Some(e));
    }

    #[test]
    fn a_missing_or_malformed_attribute_is_reported() {
        let raw = Event::new("backstop-test").add_attribute("who", "a");
        assert!(matches!(
            Sample::try_from(&raw),
            Err(super::EventParseError::Missing { key: "amount", .. })
        ));
        let raw = raw.add_attribute("amount", "x");
        assert!(matches!(
            Sample::try_from(&raw),
            Err(super::EventParseError::Invalid { key: "amount", .. })
        ));
    }
}
