-- Purpose: seats bought versus seats assigned, per team and offering.
-- Tables: subscriptions, assignments
-- Grain: one row per tenant × team × offering
-- Note: counts active subscriptions (status "active") and assignments still assigned (no
-- unassigned date); reconcile applies the exact as-of rules of SPEC §4.
SELECT s.tenant, s.team, s.offering, s.seats, COALESCE(a.assignees, 0) AS assignees,
       s.seats - COALESCE(a.assignees, 0) AS unassigned_seats
FROM (
    SELECT tenant, team, offering, SUM(seat_quantity) AS seats
    FROM subscriptions
    WHERE status = 'active'
    GROUP BY tenant, team, offering
) AS s
LEFT JOIN (
    SELECT tenant, team, offering, COUNT(DISTINCT COALESCE(email, hashed_autodesk_id)) AS assignees
    FROM assignments
    WHERE (seat_assignment IS NULL OR seat_assignment = 'assigned') AND unassigned_date IS NULL
    GROUP BY tenant, team, offering
) AS a
ON s.tenant = a.tenant AND s.team = a.team AND s.offering = a.offering
ORDER BY s.tenant, s.team, s.offering
