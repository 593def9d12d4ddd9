//! Header fields: what a column of an input file means, independent of the language or the
//! export version that named it. The synonym table (`normalize/synonyms.toml`) maps header
//! text to these names.

use std::fmt;
use std::str::FromStr;

macro_rules! fields {
    ($($variant:ident => $name:literal),+ $(,)?) => {
        /// A recognised meaning of an input column.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Field { $($variant),+ }

        impl Field {
            /// Every field, in declaration order.
            pub const ALL: &'static [Field] = &[$(Field::$variant),+];

            /// The `snake_case` name used in the synonym table and in `inspect` output.
            pub const fn name(self) -> &'static str {
                match self { $(Field::$variant => $name),+ }
            }
        }

        impl FromStr for Field {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($name => Ok(Field::$variant),)+
                    other => Err(format!("unknown field `{other}`")),
                }
            }
        }
    };
}

fields! {
    Email => "email",
    FirstName => "first_name",
    LastName => "last_name",
    Name => "name",
    AutodeskId => "autodesk_id",
    HashedAutodeskId => "hashed_autodesk_id",
    Team => "team",
    Group => "group",
    GroupType => "group_type",
    Offering => "offering",
    Product => "product",
    Release => "release",
    SeatAssignment => "seat_assignment",
    AssignedDate => "assigned_date",
    UnassignedDate => "unassigned_date",
    UserActivity => "user_activity",
    DaysInactive => "days_inactive",
    DaysUsed => "days_used",
    MonthlyAverage => "monthly_average",
    TokensUsed => "tokens_used",
    LastAccessed => "last_accessed",
    AccessOption => "access_option",
    Day => "day",
    Role => "role",
    Status => "status",
    InvitedDate => "invited_date",
    Via => "via",
    SubscriptionId => "subscription_id",
    ContractNumber => "contract_number",
    SeatQuantity => "seat_quantity",
    StartDate => "start_date",
    EndDate => "end_date",
    Term => "term",
    SubscriptionStatus => "subscription_status",
    AutorenewDate => "autorenew_date",
    ResellerName => "reseller_name",
    Login => "login",
    Upn => "upn",
    Domain => "domain",
    Department => "department",
    CostCentre => "cost_centre",
    Enabled => "enabled",
    UserAccountControl => "user_account_control",
    Aliases => "aliases",
    DistinguishedName => "distinguished_name",
    EmployeeId => "employee_id",
    Machine => "machine",
    Publisher => "publisher",
    InstallDate => "install_date",
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl serde::Serialize for Field {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for field in Field::ALL {
            assert_eq!(field.name().parse::<Field>(), Ok(*field));
        }
        assert!("nope".parse::<Field>().is_err());
    }
}
