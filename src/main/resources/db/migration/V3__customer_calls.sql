-- Care memory: a customer's calls, listed and erased by customer id (GET /v1/customers/{id}/calls, DELETE /v1/customers/{id}).
CREATE INDEX calls_customer ON calls (customer_id, started_at DESC) WHERE customer_id IS NOT NULL;
