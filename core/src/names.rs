//! Unit enums whose wire names are written once: [`wire_enum!`] gives serde (and the JSON Schema)
//! each variant's name, and the same names to `code()`, `from_code()` and `ALL`, so a URL slug, a
//! state-file key and a JSON value cannot disagree, and a new variant is in `ALL` by construction.

/// `wire_enum! { #[attrs] pub enum Name { #[attrs] Variant = "name", ... } }`: the enum (Copy, Eq,
/// Hash, Debug, serde by the given names), `Name::ALL` in declaration order, `code()` and
/// `from_code()`. Extra derives go in the enum's own attributes.
macro_rules! wire_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $($(#[$variant_meta:meta])* $variant:ident = $code:literal,)+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        $vis enum $name {
            $($(#[$variant_meta])* #[serde(rename = $code)] $variant,)+
        }

        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: [$name; [$($code),+].len()] = [$($name::$variant),+];

            /// The wire name: serde's, and the one in URLs and stored keys.
            pub fn code(self) -> &'static str {
                match self {
                    $($name::$variant => $code,)+
                }
            }

            /// The variant whose wire name is `code`.
            pub fn from_code(code: &str) -> Option<$name> {
                match code {
                    $($code => Some($name::$variant),)+
                    _ => None,
                }
            }
        }
    };
}
