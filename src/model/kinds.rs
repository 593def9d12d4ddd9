//! The kinds of input adsk-audit reads (SPEC §2). Names are part of the interface: they appear
//! in `inspect` output, in the store manifest and after `--kind`.

use std::fmt;

/// One kind of input file.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, clap::ValueEnum, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum InputKind {
    /// Reporting › Usage Report export: one row per user × offering.
    UsageReport,
    /// Reporting › Seat Usage export, Usage section: one row per user × product × version × day.
    SeatUsage,
    /// Users section of the export, or the By user page.
    Users,
    /// Subscriptions section of the export.
    Subscriptions,
    /// User Management › By product page: saved HTML, pasted into Excel, or CSV.
    Assignments,
    /// Active Directory / Entra ID export.
    Directory,
    /// `AdskLicensingInstHelper list` JSON, bare or in the wrapper `adsk-audit scan` writes.
    HelperList,
    /// A copied `ProgramData\Autodesk\CLM\LGS` / `AdskLicensingService` tree (a folder).
    LgsTree,
    /// Software inventory: SCCM, Lansweeper, Intune, osquery, registry Uninstall exports.
    Inventory,
    /// `lmutil lmstat -a` output or an `adskflex` debug log.
    FlexlmLog,
    /// A `FlexNet` network licence file.
    LicenseFile,
}

impl InputKind {
    /// Every kind this build can read.
    pub const ALL: &'static [InputKind] = &[
        InputKind::UsageReport,
        InputKind::SeatUsage,
        InputKind::Users,
        InputKind::Subscriptions,
        InputKind::Assignments,
        InputKind::Directory,
        InputKind::HelperList,
        InputKind::LgsTree,
        InputKind::Inventory,
        InputKind::FlexlmLog,
        InputKind::LicenseFile,
    ];

    /// The kebab-case name used on the command line and in reports.
    pub const fn name(self) -> &'static str {
        match self {
            InputKind::UsageReport => "usage-report",
            InputKind::SeatUsage => "seat-usage",
            InputKind::Users => "users",
            InputKind::Subscriptions => "subscriptions",
            InputKind::Assignments => "assignments",
            InputKind::Directory => "directory",
            InputKind::HelperList => "helper-list",
            InputKind::LgsTree => "lgs-tree",
            InputKind::Inventory => "inventory",
            InputKind::FlexlmLog => "flexlm-log",
            InputKind::LicenseFile => "license-file",
        }
    }
}

impl fmt::Display for InputKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
