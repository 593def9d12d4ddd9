-- Purpose: how much each product is used, month by month.
-- Tables: usage_days
-- Grain: one row per tenant × product × month
SELECT tenant, product, STRFTIME(day, '%Y-%m') AS month,
       COUNT(DISTINCT COALESCE(email, hashed_autodesk_id)) AS users,
       COUNT(*) AS user_days
FROM usage_days
GROUP BY tenant, product, STRFTIME(day, '%Y-%m')
ORDER BY tenant, product, month
