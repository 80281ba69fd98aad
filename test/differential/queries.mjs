// The differential test's queries in SQL, written for DuckDB to follow Spark's semantics exactly
// (NULLS FIRST for ASC, `||` for concat because DuckDB's concat() skips NULLs, HALF_UP rounding of
// the decimal text, division by zero giving NULL). runnel_queries.cc builds the same queries, by
// the same names, with the DataFrame API.

// Queries where Runnel disagrees with Spark's semantics (an engine bug, not a test bug). They
// still run; a mismatch prints "known difference" and does not fail the test. Remove a name once
// the engine is fixed (the comparer then says so if the query starts to match).
export const KNOWN_DIFFERENCES = new Map([]);

// ordered: the row order is part of the result (orderBy ... limit); otherwise rows are sorted
// before comparing.
export const QUERIES = [
  // ---- Aggregations
  { name: 'agg_by_region', sql: `
    SELECT region, count(*), count(quantity), sum(quantity), avg(amount), min(amount), max(amount)
    FROM sales GROUP BY region` },
  { name: 'agg_by_region_product', sql: `
    SELECT region, product, count(*), sum(amount), min(sale_date), max(sale_date)
    FROM sales GROUP BY region, product` },
  { name: 'agg_count_distinct', sql: `
    SELECT region, count(DISTINCT customer_id), count(DISTINCT product) FROM sales GROUP BY region` },
  { name: 'agg_count_distinct_two_columns', sql: `
    SELECT count(DISTINCT CASE WHEN region IS NOT NULL AND product IS NOT NULL
                               THEN region || '|' || product END) FROM sales` },
  { name: 'agg_global', sql: `
    SELECT count(*), count(customer_id), sum(big), avg(quantity), min(big), max(big),
           min(product), max(product), min(sale_date), max(sale_date) FROM sales` },
  { name: 'agg_global_empty_input', sql: `
    SELECT count(*), sum(quantity), avg(amount), max(product) FROM sales WHERE quantity > 1000` },
  { name: 'agg_grouped_empty_input', sql: `
    SELECT region, count(*) FROM sales WHERE quantity > 1000 GROUP BY region` },
  { name: 'agg_sum_distinct', sql: `
    SELECT region, sum(DISTINCT quantity) FROM sales GROUP BY region` },
  { name: 'agg_by_date', sql: `
    SELECT sale_date, count(*), sum(quantity) FROM sales GROUP BY sale_date` },
  { name: 'agg_by_customer', sql: `
    SELECT customer_id, count(*), sum(amount), avg(discount), max(big) FROM sales GROUP BY customer_id` },
  { name: 'agg_having', sql: `
    SELECT * FROM (SELECT customer_id, sum(amount) AS total FROM sales GROUP BY customer_id)
    WHERE total > 90000` },
  { name: 'agg_by_year', sql: `
    SELECT year(sale_date) AS y, min(product), max(product), count(*) FROM sales GROUP BY y` },
  { name: 'agg_stddev_variance', sql: `
    SELECT region, stddev_samp(amount), var_samp(quantity) FROM sales GROUP BY region` },
  { name: 'agg_expression_key', sql: `
    SELECT quantity % 3 AS m, count(*), sum(big) FROM sales GROUP BY m` },
  { name: 'agg_expression_key_unaliased', sql: `
    SELECT quantity % 3, count(*), sum(big) FROM sales GROUP BY quantity % 3` },
  { name: 'agg_case_inside', sql: `
    SELECT region, sum(CASE WHEN quantity > 10 THEN 1 ELSE 0 END), count(CASE WHEN amount < 0 THEN 1 END)
    FROM sales GROUP BY region` },
  { name: 'agg_of_arithmetic', sql: `
    SELECT region, sum(amount * (1.0::DOUBLE - coalesce(discount, 0.0::DOUBLE))) FROM sales GROUP BY region` },

  // ---- Filters
  { name: 'filter_and_or', sql: `
    SELECT sale_id, quantity, region, amount FROM sales
    WHERE (quantity > 10 AND region = 'north') OR (amount < 0 AND product IS NOT NULL)` },
  { name: 'filter_null_checks', sql: `
    SELECT sale_id, customer_id, region, discount FROM sales
    WHERE customer_id IS NULL OR (discount IS NULL AND region IS NOT NULL)` },
  { name: 'filter_not_three_valued', sql: `
    SELECT sale_id, quantity FROM sales WHERE NOT (quantity > 10)` },
  { name: 'filter_in_between', sql: `
    SELECT sale_id, region, quantity FROM sales
    WHERE region IN ('north', 'east') AND quantity BETWEEN 1 AND 5` },
  { name: 'filter_empty_string', sql: `
    SELECT sale_id, product, region FROM sales WHERE product = ''` },
  { name: 'filter_date_vs_string', sql: `
    SELECT sale_id, sale_date FROM sales WHERE sale_date >= DATE '2022-06-01' AND sale_date < DATE '2022-07-01'` },

  // ---- Arithmetic
  { name: 'arith_basic', sql: `
    SELECT sale_id, quantity * 2 + 1, amount - discount, amount * quantity, big + quantity, -amount
    FROM sales` },
  { name: 'arith_division', sql: `
    SELECT sale_id,
           CASE WHEN quantity = 0 THEN NULL ELSE amount / quantity END,
           quantity / 4, big / 1000, CASE WHEN quantity = 0 THEN NULL ELSE 100 % quantity END
    FROM sales` },
  { name: 'arith_round_half_up', sql: `
    SELECT sale_id,
           CAST(round(CAST(CAST(amount * 1.1::DOUBLE AS VARCHAR) AS DECIMAL(38, 12)), 1) AS DOUBLE),
           CAST(round(CAST(CAST(amount / 3 AS VARCHAR) AS DECIMAL(38, 12)), 2) AS DOUBLE)
    FROM sales` },

  // ---- Joins
  { name: 'join_inner', sql: `
    SELECT s.sale_id, s.customer_id, c.name, s.amount FROM sales s JOIN customers c USING (customer_id)` },
  { name: 'join_left', sql: `
    SELECT s.sale_id, s.customer_id, c.name, c.segment
    FROM sales s LEFT JOIN customers c ON s.customer_id = c.customer_id` },
  { name: 'join_right', sql: `
    SELECT c.customer_id, s.sale_id, c.name
    FROM sales s RIGHT JOIN customers c ON s.customer_id = c.customer_id` },
  { name: 'join_full', sql: `
    SELECT coalesce(s.customer_id, c.customer_id), s.sale_id, c.name
    FROM sales s FULL JOIN customers c ON s.customer_id = c.customer_id` },
  { name: 'join_semi', sql: `
    SELECT * FROM customers c WHERE EXISTS (SELECT 1 FROM sales s WHERE s.customer_id = c.customer_id)` },
  { name: 'join_anti', sql: `
    SELECT * FROM customers c WHERE NOT EXISTS (SELECT 1 FROM sales s WHERE s.customer_id = c.customer_id)` },
  { name: 'join_anti_null_keys', sql: `
    SELECT sale_id, customer_id FROM sales s
    WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE s.customer_id = c.customer_id)` },
  { name: 'join_two_keys', sql: `
    SELECT s.customer_id, s.region, s.sale_id, c.name
    FROM sales s JOIN customers c ON s.customer_id = c.customer_id AND s.region = c.region` },
  { name: 'join_two_keys_left', sql: `
    SELECT s.customer_id, s.region, s.sale_id, c.name
    FROM sales s LEFT JOIN customers c ON s.customer_id = c.customer_id AND s.region = c.region` },
  { name: 'join_two_keys_full', sql: `
    SELECT coalesce(s.customer_id, c.customer_id), coalesce(s.region, c.region), s.sale_id, c.name
    FROM sales s FULL JOIN customers c ON s.customer_id = c.customer_id AND s.region = c.region` },
  { name: 'join_residual_inner', sql: `
    SELECT s.sale_id, c.name, s.sale_date, c.signup_date
    FROM sales s JOIN customers c ON s.customer_id = c.customer_id AND s.sale_date >= c.signup_date` },
  { name: 'join_residual_left', sql: `
    SELECT s.sale_id, c.name, c.credit
    FROM sales s LEFT JOIN customers c ON s.customer_id = c.customer_id AND c.credit > s.amount` },
  { name: 'join_residual_full', sql: `
    SELECT s.sale_id, c.customer_id, c.credit
    FROM sales s FULL JOIN customers c ON s.customer_id = c.customer_id AND c.credit > s.amount * 20` },
  { name: 'join_semi_residual', sql: `
    SELECT * FROM customers c
    WHERE EXISTS (SELECT 1 FROM sales s WHERE s.customer_id = c.customer_id AND s.amount > 4900)` },
  { name: 'join_then_aggregate', sql: `
    SELECT c.segment, count(*), sum(s.amount), count(DISTINCT s.customer_id)
    FROM sales s JOIN customers c USING (customer_id) GROUP BY c.segment` },

  // ---- Union and distinct
  { name: 'union_distinct', sql: `
    SELECT DISTINCT region FROM (SELECT region FROM sales UNION ALL SELECT region FROM customers)` },
  { name: 'union_all_aggregate', sql: `
    SELECT region, count(*) FROM
      (SELECT customer_id, region FROM sales UNION ALL SELECT customer_id, region FROM customers)
    GROUP BY region` },
  { name: 'distinct_two_columns', sql: `SELECT DISTINCT region, product FROM sales` },

  // ---- Order and limit (Spark: ASC is NULLS FIRST, DESC is NULLS LAST)
  { name: 'order_asc_nulls_first_limit', ordered: true, sql: `
    SELECT sale_id, amount FROM sales ORDER BY amount ASC NULLS FIRST, sale_id ASC LIMIT 25` },
  { name: 'order_desc_nulls_last_limit', ordered: true, sql: `
    SELECT sale_id, quantity FROM sales ORDER BY quantity DESC NULLS LAST, sale_id DESC LIMIT 30` },
  { name: 'order_multi_key_limit', ordered: true, sql: `
    SELECT region, amount, sale_id FROM sales
    ORDER BY region ASC NULLS FIRST, amount DESC NULLS LAST, sale_id LIMIT 40` },
  { name: 'order_aggregate_limit', ordered: true, sql: `
    SELECT customer_id, sum(amount) AS total FROM sales GROUP BY customer_id
    ORDER BY total DESC NULLS LAST, customer_id ASC NULLS FIRST LIMIT 10` },
  { name: 'order_string_limit', ordered: true, sql: `
    SELECT product, sale_id FROM sales ORDER BY product ASC NULLS FIRST, sale_id LIMIT 30` },
  { name: 'order_offset', ordered: true, sql: `
    SELECT sale_id, product FROM sales ORDER BY sale_id LIMIT 10 OFFSET 19990` },

  // ---- Strings
  { name: 'string_functions', sql: `
    SELECT sale_id, lower(product), upper(product), length(product), substring(product, 2, 3),
           product || '-' || region FROM sales` },
  { name: 'string_functions_customers', sql: `
    SELECT customer_id, upper(name), length(name), substring(name, 1, 3), name || segment
    FROM customers` },
  { name: 'string_group_by_lower', sql: `
    SELECT lower(product), count(*), sum(quantity) FROM sales GROUP BY lower(product)` },

  // ---- CASE WHEN and coalesce
  { name: 'case_when', sql: `
    SELECT sale_id,
           CASE WHEN quantity > 20 THEN 'big' WHEN quantity > 0 THEN 'small' ELSE 'none' END,
           CASE WHEN amount < 0 THEN -amount END
    FROM sales` },
  { name: 'coalesce', sql: `
    SELECT sale_id, coalesce(customer_id, -1), coalesce(product, region, '?'),
           coalesce(discount, 0.0::DOUBLE) FROM sales` },
];
