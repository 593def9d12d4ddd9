"""Reference (b): the core findings computed the way admins do it today, with pandas, into XLSX.

Idle seats (assigned, no use in 60 days), unassigned users (usage without an assignment),
unmigrated machines (helper list lic_method 1), over-assigned offerings (assignees above the seat
quantity). Reads the same files adsk-audit reads; writes one workbook with a sheet per finding.
"""
import glob
import json
import os
import sys

import pandas as pd

AS_OF = pd.Timestamp("2026-11-30")


def main(root, output):
    autodesk = os.path.join(root, "autodesk")
    report = pd.read_csv(glob.glob(os.path.join(autodesk, "usage-report-*.csv"))[0], dtype=str)
    usage = pd.concat([pd.read_csv(p, dtype=str) for p in glob.glob(os.path.join(autodesk, "seat-usage-*.csv"))])
    subscriptions = pd.read_csv(os.path.join(autodesk, "subscriptions.csv"), dtype=str)

    usage["Day used"] = pd.to_datetime(usage["Day used"])
    usage["email"] = usage["Email"].str.lower()
    recent = usage[usage["Day used"] > AS_OF - pd.Timedelta(days=60)]
    last_use = recent.groupby("email")["Day used"].max().rename("last_use")

    report["email"] = report["email"].str.lower()
    assigned = report[report["seat_assignment"] == "assigned"]
    idle = assigned.merge(last_use, left_on="email", right_index=True, how="left")
    idle = idle[idle["last_use"].isna()][["email", "offering_name", "team_alias", "assigned_date"]]

    holders = set(assigned["email"])
    unassigned = recent[~recent["email"].isin(holders)].groupby(["email", "Product"]).size().reset_index(name="days")

    machines = []
    for path in glob.glob(os.path.join(root, "machines", "scans", "*.json")):
        with open(path, encoding="utf-8") as f:
            scan = json.load(f)
        for product in scan.get("products", []):
            if product.get("lic_method") == 1:
                machines.append({"machine": scan["machine"], "key": product.get("sel_prod_key"), "version": product.get("sel_prod_ver")})
    unmigrated = pd.DataFrame(machines, columns=["machine", "key", "version"])

    counts = assigned.groupby(["team_alias", "offering_name"])["email"].nunique().rename("assignees").reset_index()
    subscriptions["seat_quantity"] = subscriptions["seat_quantity"].astype(int)
    active = subscriptions[subscriptions["subscription_status"] == "Active"]
    seats = active.groupby(["team_alias", "offering_name"])["seat_quantity"].sum().reset_index()
    over = counts.merge(seats, on=["team_alias", "offering_name"])
    over = over[over["assignees"] > over["seat_quantity"]]

    with pd.ExcelWriter(output, engine="xlsxwriter") as writer:
        idle.to_excel(writer, sheet_name="Idle seats", index=False)
        unassigned.to_excel(writer, sheet_name="Unassigned users", index=False)
        unmigrated.to_excel(writer, sheet_name="Unmigrated machines", index=False)
        over.to_excel(writer, sheet_name="Over-assigned", index=False)
    print(len(idle), len(unassigned), len(unmigrated), len(over))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
