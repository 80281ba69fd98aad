#include "sql/query_binder.h"

namespace runnel::sql {

Result<plan::PlanPtr> BindQuery(const Query& query, const BindContext& context) {
  return Status::NotSupported("SQL queries are not supported yet: " + query.ToString());
}

}  // namespace runnel::sql
