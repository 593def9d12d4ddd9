-- Purpose: people holding a seat whose e-mail is not a login, address or alias in the directory.
-- Tables: assignments, logins
-- Grain: one row per tenant × e-mail × offering
-- Note: without a directory export every assignee is listed.
SELECT DISTINCT a.tenant, a.email, a.offering, a.team
FROM assignments AS a
LEFT JOIN logins AS l ON a.tenant = l.tenant AND a.email = l.login
WHERE a.email IS NOT NULL AND l.login IS NULL
  AND (a.seat_assignment IS NULL OR a.seat_assignment = 'assigned')
ORDER BY a.tenant, a.email, a.offering
