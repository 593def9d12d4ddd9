#!/usr/bin/env python3
"""Writes the text fixtures of tests/data (CSV/HTML in their encodings). Deterministic.

The workbook fixtures come from `cargo run --example make_xlsx_fixtures`. Run both from the
repository root after changing a fixture, then review `git diff`.
"""
import os

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


def write(path, text, encoding="utf-8", newline="\n"):
    full = os.path.join(HERE, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    data = text.replace("\n", newline)
    with open(full, "wb") as f:
        if encoding == "utf-8-sig":
            f.write(b"\xef\xbb\xbf" + data.encode("utf-8"))
        elif encoding == "utf-16-le-bom":
            f.write(b"\xff\xfe" + data.encode("utf-16-le"))
        elif encoding == "utf-16-be-bom":
            f.write(b"\xfe\xff" + data.encode("utf-16-be"))
        else:
            f.write(data.encode(encoding))


def rows(*lines):
    return "".join(line + "\n" for line in lines)


# --- usage-report: one logical table in four shapes -------------------------------------------
# (hashed id, first, last, email, autodesk id, team, group, offering, version, seat assignment,
#  assigned, unassigned, activity, days inactive, access, days used, monthly average, tokens,
#  last accessed) -- dates as (ISO form, Norwegian form)
USAGE = [
    ("a1f0c3d2e4b5a6978812", "Jane", "Doe", "Jane.Doe@Acme-Arch.com", "JDOE42", "Main Team", "",
     "Architecture Engineering & Construction Collection", "2026", "assigned",
     ("2024-05-10T21:20:32Z", "10.05.2024 21:20:32"), ("", ""), "active", "0", "Subscription", "49",
     ("16.2", "16,2"), "", ("2026-07-29", "29.07.2026")),
    ("b2e1d4c3f5a6b7089923", "Bjørn", "Håland", "bjorn.haland@acme-arch.com", "BHALAND", "Main Team", "",
     "AutoCAD", "2025", "assigned", ("2025-01-15T08:00:00Z", "15.01.2025 08:00:00"), ("", ""), "inactive",
     "120", "Subscription", "0", ("0", "0"), "", ("", "")),
    ("c3d2e5f4a6b7c8190034", "*****", "*****", "*****", "*****", "Main Team", "Designers",
     "Architecture Engineering & Construction Collection", "2026", "assigned",
     ("2025-11-02T10:11:12Z", "02.11.2025 10:11:12"), ("", ""), "active", "3", "Subscription", "12",
     ("4.5", "4,5"), "", ("2026-07-27", "27.07.2026")),
    ("d4c3f6a5b7c8d9201145", "Zoë", "Café", "zoe.cafe@acme-arch.com", "ZCAFE", "Studio North", "",
     "Revit", "2026", "unassigned", ("2023-03-01T09:00:00Z", "01.03.2023 09:00:00"),
     ("2026-06-30T17:45:00Z", "30.06.2026 17:45:00"), "inactive", "31", "Subscription", "7",
     ("0.6", "0,6"), "", ("2026-06-29", "29.06.2026")),
    ("e5f4a7b6c8d9e0312256", "Ola", "Nordmann", "OLA.NORDMANN@acme-arch.com", "ONORD", "Studio North", "",
     "Civil 3D", "2026", "assigned", ("2026-02-03T12:00:00Z", "03.02.2026 12:00:00"), ("", ""), "active",
     "1", "Subscription", "22", ("3.5", "3,5"), "", ("2026-07-30", "30.07.2026")),
]

TITLE = ["hashed_autodesk_id", "First name", "Last name", "Email", "Autodesk ID", "Team", "Group",
         "Offering name", "Version", "Seat assignment", "Assigned date", "Unassigned date", "User activity",
         "Days inactive", "Access option", "Days used", "Monthly average", "Tokens used", "Last accessed"]
NORWEGIAN = ["hashed_autodesk_id", "Fornavn", "Etternavn", "E-post", "Autodesk ID", "Team", "Gruppe", "Tilbud",
             "Versjon", "Setetildeling", "Tildelingsdato", "Dato for fjernet tildeling", "Brukeraktivitet",
             "Dager inaktiv", "Tilgangsalternativ", "Dager brukt", "Månedlig gjennomsnitt", "Brukte tokens",
             "Sist brukt"]


def usage_lines(form, separator):
    out = []
    for row in USAGE:
        cells = [c[form] if isinstance(c, tuple) else c for c in row]
        out.append(separator.join(cells))
    return out


write("usage-report/title-case-bom-crlf.csv",
      rows(",".join(TITLE), *[l.replace("Architecture Engineering & Construction Collection",
                                        "\"Architecture Engineering & Construction Collection\"")
                              for l in usage_lines(0, ",")]),
      encoding="utf-8-sig", newline="\r\n")
write("usage-report/norwegian-semicolon-1252.csv",
      rows(";".join(NORWEGIAN), *usage_lines(1, ";")), encoding="cp1252", newline="\r\n")
write("usage-report/excel-unicode-text-utf16le.txt",
      rows("\t".join(TITLE), *usage_lines(0, "\t")), encoding="utf-16-le-bom", newline="\r\n")

SNAKE = ("hashed_autodesk_id,first_name,last_name,email,autodesk_id,team_alias,group,offering_name,version,"
         "seat_assignment,assigned_date,unassigned_date,user_activity,days_inactive,access_option,days_used,"
         "monthly_average,tokens_used,last_accessed,cost_code")
write("usage-report/snake-case-with-rejects.csv", rows(
    SNAKE,
    "0000000000000000000000000000000000000000,Jane,Doe,jane.doe@example.com,jane.doe,Main Team,,Architecture Engineering & Construction Collection,2026,assigned,2024-05-10T21:20:32Z,,active,,Subscription,49,16.2,,2026-07-29,CC-100",
    "1111111111111111111111111111111111111111,Max,Muster,max.muster@example.com,max.m,Main Team,,Civil 3D,2026,assigned,2024-13-40T00:00:00Z,,active,,Subscription,5,1.2,,2026-07-01,",
    "2222222222222222222222222222222222222222,Ann,Lee,ann.lee@example.com,ann.l,Main Team,,Revit,2026,assigned,2025-02-01T00:00:00Z,,active,,Subscription,many,1.2,,2026-07-01,",
    ",,,,,Main Team,,Revit,2026,assigned,2025-02-01T00:00:00Z,,inactive,,Subscription,0,0,,,",
    "3333333333333333333333333333333333333333,Tom,Berg,tom.berg(at)example.com,tom.b,Main Team,,AutoCAD,2025,assigned,2025-02-01T00:00:00Z,,active,,Subscription,2,0.3,,2026-06-01,",
    "4444444444444444444444444444444444444444,Eva,Lind,eva.lind@example.com,eva.l,Main Team,Designers,AutoCAD,2025,assigned,2025-02-01T00:00:00Z,,active,,Subscription,9,3,,2026-07-15,CC-200",
))

# --- seat-usage ---------------------------------------------------------------------------------
write("seat-usage/pii-off-snake-case.csv", rows(
    "team_alias,hashed_autodesk_id,product_name,offering_name,version,access_option,day_used",
    "Main Team,a1f0c3d2e4b5a6978812,Revit,Architecture Engineering & Construction Collection,2026,Subscription,2026-07-01",
    "Main Team,a1f0c3d2e4b5a6978812,Revit,Architecture Engineering & Construction Collection,2026,Subscription,2026-07-02",
    "Main Team,a1f0c3d2e4b5a6978812,AutoCAD,Architecture Engineering & Construction Collection,2025,Subscription,2026-07-02",
    "Main Team,c3d2e5f4a6b7c8190034,Navisworks Manage,Architecture Engineering & Construction Collection,2026,Subscription,2026-07-03",
    "Studio North,e5f4a7b6c8d9e0312256,Civil 3D,Civil 3D,2026.0.0.F,Subscription,2026-07-30",
    "Studio North,,Civil 3D,Civil 3D,2026,Subscription,2026-07-30",
    "Studio North,e5f4a7b6c8d9e0312256,Civil 3D,Civil 3D,2026,Subscription,",
))
write("seat-usage/title-case-us-dates-pii-on.csv", rows(
    "Team,Email,First name,Last name,Product,Offering name,Version,Access option,Day used",
    "Main Team,Jane.Doe@Acme-Arch.com,Jane,Doe,Revit,Architecture Engineering & Construction Collection,2026,Subscription,07/01/2026",
    "Main Team,jane.doe@acme-arch.com,Jane,Doe,Revit,Architecture Engineering & Construction Collection,2026,Subscription,07/13/2026",
    "Studio North,ola.nordmann@acme-arch.com,Ola,Nordmann,Civil 3D,Civil 3D,2026,Subscription,7/30/2026",
    "\"Studio North\",\"ola.nordmann@acme-arch.com\",\"Ola\",\"Nordmann\",\"Civil 3D\",\"Civil 3D\",\"2026\",\"Subscription\",\"02/30/2026\"",
))

# --- users -------------------------------------------------------------------------------------
write("users/users-title-case.csv", rows(
    "Email,First name,Last name,Autodesk ID,Role,Status,Team,Offering,Product",
    "Jane.Doe@Acme-Arch.com,Jane,Doe,JDOE42,Primary Admin,Active,Main Team,Architecture Engineering & Construction Collection,Revit",
    "bjorn.haland@acme-arch.com,Bjørn,Håland,BHALAND,User,Active,Main Team,AutoCAD,AutoCAD",
    "new.hire@acme-arch.com,New,Hire,,User,Invited,Studio North,Revit,Revit",
    "\"Smith, Jr.\"@acme-arch.com,John,Smith,,User,Active,Main Team,,",
    "kari.nordmann@acme-arch.com,Kari,\"Nordmann\nvan Dijk\",KNORD,User,Active,Studio North,,",
))
write("users/users-german-semicolon.csv", rows(
    "E-Mail;Vorname;Nachname;Rolle;Kontostatus;Team;Angebot;Einladungsdatum",
    "jane.doe@acme-arch.com;Jane;Doe;Primärer Administrator;Aktiv;Main Team;Architecture Engineering & Construction Collection;",
    "new.hire@acme-arch.com;New;Hire;Benutzer;Eingeladen;Studio North;Revit;28.07.2026",
), encoding="utf-8-sig", newline="\r\n")

# --- subscriptions -----------------------------------------------------------------------------
write("subscriptions/subscriptions-snake-us-dates.csv", rows(
    "subscription_id,contract_number,offering_name,seat_quantity,start_date,end_date,term,subscription_status,autorenew_date,reseller_name,team_alias,plan",
    "SUB-1001,110001234567,Architecture Engineering & Construction Collection,3,06/15/2025,06/14/2026,Annual,Active,06/14/2026,CAD Partners AS,Main Team,Standard",
    "SUB-1002,110001234567,AutoCAD,2,06/15/2025,06/14/2027,3-Year,Active,,CAD Partners AS,Main Team,Standard",
    "SUB-1003,110009876543,Revit,1,01/01/2024,12/31/2025,Annual,Expired,,CAD Partners AS,Studio North,Standard",
    "SUB-1004,110009876543,Civil 3D,two,01/01/2026,12/31/2026,Annual,Active,,CAD Partners AS,Studio North,Standard",
))
write("subscriptions/subscriptions-french-dmy.csv", rows(
    "ID d'abonnement;Numéro de contrat;Offre;Nombre de postes;Date de début;Date de fin;Durée;Statut;Équipe",
    "SUB-2001;110005555555;AutoCAD LT;5;01/02/2026;31/01/2027;Annuel;Actif;Paris",
    "SUB-2002;110005555555;Revit LT;2;01/02/2026;01/02/2027;Annuel;Actif;Paris",
), encoding="cp1252")

# --- assignments (By product page) -------------------------------------------------------------
write("assignments/by-product-saved-page.html", """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Autodesk Account</title>
<style>.x{color:red}</style><script>var seats = "99 of 100 seats assigned";</script></head>
<body>
<table class="layout"><tr><td>
  <nav><ul><li><a href="/products">Products</a></li><li><a href="/users">Users</a></li></ul></nav>
</td><td>
  <div class="page-header">
    <h1>Architecture Engineering &amp; Construction Collection</h1>
    <div class="team-picker"><span class="label">Team</span><span class="value">Main Team</span></div>
    <p class="seat-count"><strong>3</strong> of 5 seats assigned</p>
  </div>
  <table class="users">
    <thead><tr><th></th><th>Name</th><th>Status</th><th>Last used</th></tr></thead>
    <tbody>
      <tr><td><img src="a.png" alt=""></td><td><a href="mailto:Jane.Doe@Acme-Arch.com">Jane Doe</a></td><td>Active</td><td>2026-07-29</td></tr>
      <tr><td><img src="b.png" alt=""></td><td><a href="mailto:ola.nordmann@acme-arch.com?subject=Hi">Ola Nordmann</a></td><td>Active</td><td>2026-07-30</td></tr>
      <tr><td></td><td>new.hire@acme-arch.com</td><td>Invited</td><td></td></tr>
    </tbody>
  </table>
</td></tr></table>
</body></html>
""")
write("assignments/by-product-aria-grid.html", """<html><body>
<div role="main">
  <h2>AutoCAD</h2>
  <div>Team: Studio North</div>
  <div><span>2</span> of 2 seats assigned</div>
  <div role="grid">
    <div role="row"><div role="columnheader">User</div><div role="columnheader">Email</div><div role="columnheader">Status</div></div>
    <div role="row"><div role="gridcell">Zoë Café</div><div role="gridcell">zoe.cafe@acme-arch.com</div><div role="gridcell">Active</div></div>
    <div role="row"><div role="gridcell">Bjørn Håland</div><div role="gridcell">BJORN.HALAND@acme-arch.com</div><div role="gridcell">Active</div></div>
  </div>
</div></body></html>
""")
write("assignments/by-product-plain.csv", rows(
    "Name,Email,Status,Team,Offering",
    "Jane Doe,jane.doe@acme-arch.com,Active,Main Team,Revit",
    "Bjørn Håland,bjorn.haland@acme-arch.com,Active,Main Team,Revit",
    "Unknown Person,not-an-email,Active,Main Team,Revit",
))

# --- directory ---------------------------------------------------------------------------------
write("directory/get-aduser-export-csv.csv", rows(
    "#TYPE Selected.Microsoft.ActiveDirectory.Management.ADUser",
    "\"SamAccountName\",\"UserPrincipalName\",\"mail\",\"DisplayName\",\"GivenName\",\"Surname\",\"Department\",\"extensionAttribute1\",\"Enabled\",\"proxyAddresses\",\"DistinguishedName\"",
    "\"jdoe\",\"jdoe@acme.local\",\"Jane.Doe@Acme-Arch.com\",\"Jane Doe\",\"Jane\",\"Doe\",\"Architecture\",\"CC-100\",\"True\",\"SMTP:Jane.Doe@Acme-Arch.com;smtp:j.doe@acme-old.com;X500:/o=Acme/cn=jdoe\",\"CN=Jane Doe,OU=Staff,DC=acme,DC=local\"",
    "\"bhaland\",\"bhaland@acme.local\",\"bjorn.haland@acme-arch.com\",\"Bjørn Håland\",\"Bjørn\",\"Håland\",\"Engineering\",\"CC-200\",\"True\",\"SMTP:bjorn.haland@acme-arch.com\",\"CN=Bjørn Håland,OU=Staff,DC=acme,DC=local\"",
    "\"oldtimer\",\"oldtimer@acme.local\",\"old.timer@acme-arch.com\",\"Old Timer\",\"Old\",\"Timer\",\"Engineering\",\"CC-200\",\"False\",\"\",\"CN=Old Timer,OU=Leavers,DC=acme,DC=local\"",
    "\"svc-scan\",\"svc-scan@acme.local\",\"\",\"Scanner service\",\"\",\"\",\"IT\",\"\",\"True\",\"\",\"CN=svc-scan,OU=Service,DC=acme,DC=local\"",
    "\"\",\"\",\"\",\"Room 101\",\"\",\"\",\"Facilities\",\"\",\"True\",\"\",\"CN=Room 101,OU=Rooms,DC=acme,DC=local\"",
    "\"zcafe\",\"zcafe@acme.local\",\"zoe.cafe@acme-arch.com\",\"Zoë Café\",\"Zoë\",\"Café\",\"Architecture\",\"CC-100\",\"maybe\",\"\",\"CN=Zoe Cafe,OU=Staff,DC=acme,DC=local\"",
))
write("directory/entra-users-export.csv", rows(
    "userPrincipalName,displayName,surname,mail,givenName,id,userType,jobTitle,department,accountEnabled,usageLocation,companyName,otherMails",
    "ola.nordmann@acme-arch.com,Ola Nordmann,Nordmann,ola.nordmann@acme-arch.com,Ola,6b1f2d0e-0000-4000-8000-000000000001,Member,Engineer,Civil,true,NO,Acme,ola@private.example",
    "zoe.cafe@acme-arch.com,Zoë Café,Café,,Zoë,6b1f2d0e-0000-4000-8000-000000000002,Member,Architect,Architecture,false,FR,Acme,",
), encoding="utf-8-sig")

# --- bad inputs --------------------------------------------------------------------------------
write("bad/ambiguous-dates.csv", rows(
    "subscription_id,offering_name,seat_quantity,start_date,end_date",
    "SUB-1,AutoCAD,1,01/02/2026,03/04/2026",
    "SUB-2,Revit,2,05/06/2026,07/08/2026",
))
write("bad/conflicting-dates.csv", rows(
    "subscription_id,offering_name,seat_quantity,start_date,end_date",
    "SUB-1,AutoCAD,1,31/01/2026,01/31/2027",
))
write("bad/empty.csv", "")
write("bad/notes.txt", rows("Meeting notes", "Ask the reseller about the renewal date."))
full = os.path.join(HERE, "bad/binary.png")
with open(full, "wb") as f:
    f.write(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
full = os.path.join(HERE, "bad/unpaired-surrogate-utf16.csv")
with open(full, "wb") as f:
    f.write(b"\xff\xfe" + "email,role\r\n".encode("utf-16-le") + b"\x00\xd8" + "x,y\r\n".encode("utf-16-le"))

# --- workstation side ----------------------------------------------------------------------------
import json
import shutil

write("helper-list/WS-101.json", json.dumps([
    {"feature_id": "ACD", "def_prod_key": "001P1", "def_prod_ver": "2024.0.0.F", "sel_prod_key": "001P1",
     "sel_prod_ver": "2024.0.0.F", "lic_method": 1, "lic_server_type": 1, "lic_servers": ["27000@lic1.acme.local"],
     "serial_number_nw": "000-00000000"},
    {"feature_id": "RVT", "def_prod_key": "829Q1", "def_prod_ver": "2025.0.0.F", "sel_prod_key": "",
     "sel_prod_ver": "", "lic_method": 4, "lic_servers": [""]},
    {"feature_id": "CIV3D", "def_prod_key": "237O1", "def_prod_ver": "2023.0.0.F", "lic_method": "STANDALONE",
     "lic_servers": []},
    {"feature_id": "NAVMAN", "sel_prod_key": "507R1", "sel_prod_ver": "2026.0.0.F", "lic_method": 0},
    {"feature_id": "MAYA", "sel_prod_key": "657S1", "sel_prod_ver": "2027.0.0.F", "lic_method": 7},
    {"feature_id": "BROKEN", "lic_method": 4},
], indent=2) + "\n")

def tree(base, files):
    for relative, content in files.items():
        full = os.path.join(HERE, base, relative)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "wb") as f:
            f.write(content)

shutil.rmtree(os.path.join(HERE, "lgs-tree"), ignore_errors=True)
tree("lgs-tree/WS-103", {
    "ProgramData/Autodesk/CLM/LGS/001I1_2017.0.0.F/LGS.data": b"\xef\xbb\xbf_NETWORK\r\n",
    "ProgramData/Autodesk/CLM/LGS/001I1_2017.0.0.F/LICPATH.lic": b"SERVER lic1.acme.local 000000000000 27000\r\nUSE_SERVER\r\n",
    "ProgramData/Autodesk/CLM/LGS/829J1_2018.0.0.F/LGS.data": b"\xff\xfe" + "  _user \r\n".encode("utf-16-le"),
    "ProgramData/Autodesk/CLM/LGS/237K1_2019.0.0.F/LGS.data": b"_STANDALONE",
    "ProgramData/Autodesk/AdskLicensingService/001M1_2021.0.0.F/LICPATH.lic": b"SERVER lic2 0 2080\nUSE_SERVER\n",
    "ProgramData/Autodesk/AdskLicensingService/829N1_2022.0.0.F/.keep": b"",
    "ProgramData/FLEXnet/adskflex_00691b00_tsf.data": b"\x00binary",
    "ProgramData/FLEXnet/adskflex_00691b00_tsf.data_backup.001": b"\x00binary",
})
tree("lgs-tree/ws-104", {
    "autodesk/clm/lgs/057K1_2019.0.0.F/lgs.data": b"_Network",
    "autodesk/clm/lgs/057K1_2019.0.0.F/licpath.lic": b"server LIC1 0\n",
})

write("inventory/sccm-add-remove-programs.csv", rows(
    "Name0,User_Name0,DisplayName0,Version0,Publisher0,InstallDate0",
    "WS-101,ACME\\jdoe,Autodesk AutoCAD 2024 - English,24.3.61.0,Autodesk,20230412",
    "WS-101,ACME\\jdoe,AutoCAD 2024 Language Pack - Deutsch,24.3.61.0,Autodesk,20230412",
    "WS-101,ACME\\jdoe,Autodesk AutoCAD 2024.1.2 Update,24.3.61.0,Autodesk,20231102",
    "WS-101,ACME\\jdoe,Autodesk Desktop Licensing Service,13.3.1.9694,Autodesk,20230412",
    "WS-101,ACME\\jdoe,Microsoft Edge,120.0.2210.61,Microsoft Corporation,20231201",
    "WS-105.acme.local,ACME\\bhaland,Revit 2025,25.0.2.419,Autodesk,20240501",
    "WS-105.acme.local,ACME\\bhaland,Autodesk Material Library 2025,25.0.0,Autodesk,20240501",
    ",ACME\\bhaland,Autodesk Civil 3D 2023,13.5.1,Autodesk,20220601",
))
write("inventory/lansweeper-software.csv", rows(
    "AssetName;Username;Domain;softwareName;softwareVersion;SoftwarePublisher;Lastseen",
    "WS-106;zcafe;ACME;Autodesk AutoCAD LT 2022;R.107.0.0;Autodesk;2026-11-28 08:00",
    "WS-106;zcafe;ACME;Autodesk Navisworks Manage 2019;16.0.1344;Autodesk;2026-11-28 08:00",
    "WS-107;onord;ACME;Autodesk Civil 3D 2015;10.4.1;Autodesk;2026-11-20 09:00",
), encoding="cp1252")
write("inventory/intune-detected-apps.csv", rows(
    "Device name,Application,Version,Publisher,Platform",
    "WS-108,Autodesk Revit 2026,26.0.4.409,Autodesk,Windows",
    "WS-108,Autodesk 3ds Max 2026,28.0,Autodesk,Windows",
))
write("inventory/osquery-programs.csv", rows(
    "hostname,name,version,publisher,install_date,identifying_number",
    "ws-109,Autodesk Inventor Professional 2024,28.0.12300.0000,Autodesk,20230501,{7F4DD591-2864-0000-1033-7107D70F3DB4}",
    "ws-109,Google Chrome,120.0,Google LLC,20231201,",
))
write("inventory/registry-uninstall-utf16.csv", rows(
    "#TYPE Selected.System.Management.Automation.PSCustomObject",
    "\"PSComputerName\",\"DisplayName\",\"DisplayVersion\",\"Publisher\",\"InstallDate\",\"PSChildName\"",
    "\"WS-110\",\"Autodesk Maya 2025\",\"25.1\",\"Autodesk\",\"20240415\",\"{A1B2}\"",
    "\"WS-110\",\"Autodesk Advance Steel 2025\",\"25.0\",\"Autodesk\",\"20240415\",\"{A1B3}\"",
), encoding="utf-16-le-bom", newline="\r\n")

REAL = os.path.join(HERE, "..", "..", "..", "shared", "data", "real-samples")
for folder in ("flexlm-log", "license-file"):
    source = os.path.join(REAL, folder)
    if os.path.isdir(source):
        for name in os.listdir(source):
            os.makedirs(os.path.join(HERE, folder), exist_ok=True)
            target = name if name.endswith((".log", ".lic")) else "real-" + name
            if name.endswith((".log", ".lic")) or name.startswith("LICENSE") or name == "SOURCES.md":
                shutil.copy(os.path.join(source, name), os.path.join(HERE, folder, name))

write("flexlm-log/lmstat-several-vendors.txt", rows(
    "lmutil - Copyright (c) 1989-2021 Flexera. All Rights Reserved.",
    "Flexible License Manager status on Fri 11/27/2026 09:15",
    "",
    "License server status: 27000@lic1.acme.local",
    "    License file(s) on lic1.acme.local: C:\\Autodesk\\Network License Manager\\acme.lic:",
    "",
    "lic1.acme.local: license server UP (MASTER) v11.18.0",
    "",
    "Vendor daemon status (on lic1.acme.local):",
    "",
    "  adskflex: UP v11.18.0",
    "    mlm: UP v11.18.0",
    "Feature usage info:",
    "",
    "Users of 87676ACD_2023_0F:  (Total of 10 licenses issued;  Total of 2 licenses in use)",
    "",
    "  \"87676ACD_2023_0F\" v1.000, vendor: adskflex, expiry: permanent",
    "  floating license",
    "",
    "    jdoe WS-111 WS-111 (v1.0) (lic1.acme.local/27000 301), start Thu 11/26 8:42",
    "    bhaland ws-112.acme.local ws-112 (v1.0) (lic1.acme.local/27000 402), start Fri 11/27 7:58",
    "",
    "Users of MATLAB:  (Total of 5 licenses issued;  Total of 1 license in use)",
    "",
    "    someone lab-01 lab-01 (v2024) (lic1.acme.local/27000 101), start Fri 11/27 9:01",
    "",
))
write("license-file/acme-network-expiring.lic", rows(
    "SERVER lic1.acme.local 0A1B2C3D4E5F 27000",
    "USE_SERVER",
    "VENDOR adskflex port=2080",
    "INCREMENT 87676ACD_2023_0F adskflex 1.000 31-dec-2026 10 \\",
    "\tVENDOR_STRING=commercial:extendable SUPERSEDE DUP_GROUP=UH \\",
    "\tISSUED=01-Jan-2024 SN=123-45678901 SIGN=\"0123 4567 \\",
    "\t89AB CDEF\"",
    "INCREMENT 87654RVT_2023_0F adskflex 1.000 31-dec-2026 5 VENDOR_STRING=commercial:extendable",
    "PACKAGE 64300ACD_T_F adskflex 1.000 COMPONENTS=\"87676ACD_2023_0F 87545ACD_2022_0F\"",
    "INCREMENT 87000XYZ_2023_0F adskflex 1.000 someday 2",
))
