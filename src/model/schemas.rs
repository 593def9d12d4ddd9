//! The columns of every canonical table (SPEC §3), in output order.

use super::tables::ColumnType::{Bool, Date, Float, Int, Line, Release, Str};
use super::tables::{Table, TableSchema};

pub(crate) const PEOPLE: TableSchema = TableSchema {
    table: Table::People,
    columns: &[
        ("tenant", Str),
        ("email", Str),
        ("email_display", Str),
        ("first_name", Str),
        ("last_name", Str),
        ("display_name", Str),
        ("autodesk_id", Str),
        ("hashed_autodesk_id", Str),
        ("role", Str),
        ("status", Str),
        ("team", Str),
        ("invited_date", Date),
        ("source_file", Str),
        ("source_line", Line),
        ("source_sha256", Str),
        ("extra", Str),
    ],
};

pub(crate) const LOGINS: TableSchema = TableSchema {
    table: Table::Logins,
    columns: &[
        ("tenant", Str),
        ("login", Str),
        ("login_kind", Str),
        ("email", Str),
        ("source_file", Str),
        ("source_line", Line),
        ("source_sha256", Str),
    ],
};

pub(crate) const DIRECTORY: TableSchema = TableSchema {
    table: Table::Directory,
    columns: &[
        ("tenant", Str),
        ("email", Str),
        ("email_display", Str),
        ("display_name", Str),
        ("first_name", Str),
        ("last_name", Str),
        ("login", Str),
        ("upn", Str),
        ("domain", Str),
        ("department", Str),
        ("cost_centre", Str),
        ("enabled", Bool),
        ("aliases", Str),
        ("employee_id", Str),
        ("source_file", Str),
        ("source_line", Line),
        ("source_sha256", Str),
        ("extra", Str),
    ],
};

pub(crate) const SUBSCRIPTIONS: TableSchema = TableSchema {
    table: Table::Subscriptions,
    columns: &[
        ("tenant", Str),
        ("subscription_id", Str),
        ("contract_number", Str),
        ("offering", Str),
        ("team", Str),
        ("seat_quantity", Int),
        ("start_date", Date),
        ("end_date", Date),
        ("term", Str),
        ("status", Str),
        ("autorenew_date", Date),
        ("reseller_name", Str),
        ("source_file", Str),
        ("source_line", Line),
        ("source_sha256", Str),
        ("extra", Str),
    ],
};

pub(crate) const ASSIGNMENTS: TableSchema = TableSchema {
    table: Table::Assignments,
    columns: &[
        ("tenant", Str),
        ("email", Str),
        ("email_display", Str),
        ("hashed_autodesk_id", Str),
        ("offering", Str),
        ("team", Str),
        ("group", Str),
        ("via", Str),
        ("seat_assignment", Str),
        ("status", Str),
        ("assigned_date", Date),
        ("unassigned_date", Date),
        ("source_file", Str),
        ("source_line", Line),
        ("source_sha256", Str),
        ("extra", Str),
    ],
};

pub(crate) const USAGE_DAYS: TableSchema = TableSchema {
    table: Table::UsageDays,
    columns: &[
        ("tenant", Str),
        ("email", Str),
        ("email_display", Str),
        ("hashed_autodesk_id", Str),
        ("team", Str),
        ("product", Str),
        ("offering", Str),
        ("release", Release),
        ("day", Date),
        ("access_option", Str),
        ("source_file", Str),
        ("source_line", Line),
        ("source_sha256", Str),
        ("extra", Str),
    ],
};

pub(crate) const USAGE_SUMMARY: TableSchema = TableSchema {
    table: Table::UsageSummary,
    columns: &[
        ("tenant", Str),
        ("email", Str),
        ("email_display", Str),
        ("hashed_autodesk_id", Str),
        ("team", Str),
        ("offering", Str),
        ("release", Release),
        ("user_activity", Str),
        ("days_used", Int),
        ("days_inactive", Int),
        ("monthly_average", Float),
        ("tokens_used", Float),
        ("last_accessed", Date),
        ("access_option", Str),
        ("source_file", Str),
        ("source_line", Line),
        ("source_sha256", Str),
        ("extra", Str),
    ],
};

pub(crate) const MACHINES: TableSchema = TableSchema {
    table: Table::Machines,
    columns: &[
        ("tenant", Str),
        ("machine", Str),
        ("machine_key", Str),
        ("last_user", Str),
        ("scanned_at", Date),
        ("os", Str),
        ("network_env", Str),
        ("service_version", Str),
        ("flexnet_files", Str),
        ("source_file", Str),
        ("source_line", Line),
        ("source_sha256", Str),
        ("extra", Str),
    ],
};

pub(crate) const INSTALLS: TableSchema = TableSchema {
    table: Table::Installs,
    columns: &[
        ("tenant", Str),
        ("machine", Str),
        ("machine_key", Str),
        ("product_key", Str),
        ("product_version", Str),
        ("product", Str),
        ("family", Str),
        ("release", Release),
        ("licence_method", Str),
        ("licence_method_raw", Str),
        ("licence_servers", Str),
        ("service_version", Str),
        ("evidence", Str),
        ("source_file", Str),
        ("source_line", Line),
        ("source_sha256", Str),
        ("extra", Str),
    ],
};

pub(crate) const CHECKOUTS: TableSchema = TableSchema {
    table: Table::Checkouts,
    columns: &[
        ("tenant", Str),
        ("server", Str),
        ("event", Str),
        ("feature", Str),
        ("product", Str),
        ("family", Str),
        ("release", Release),
        ("login", Str),
        ("host", Str),
        ("host_key", Str),
        ("day", Date),
        ("time", Str),
        ("source_file", Str),
        ("source_line", Line),
        ("source_sha256", Str),
    ],
};

pub(crate) const LICENCE_FEATURES: TableSchema = TableSchema {
    table: Table::LicenceFeatures,
    columns: &[
        ("tenant", Str),
        ("server", Str),
        ("line_kind", Str),
        ("feature", Str),
        ("vendor", Str),
        ("version", Str),
        ("product", Str),
        ("family", Str),
        ("release", Release),
        ("expiry", Date),
        ("permanent", Bool),
        ("seats", Int),
        ("source_file", Str),
        ("source_line", Line),
        ("source_sha256", Str),
    ],
};
