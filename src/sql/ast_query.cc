#include "sql/ast_query.h"

namespace runnel::sql {
namespace {

std::string JoinNames(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += ", ";
    out += QuoteIdentifier(names[i]);
  }
  return out;
}

std::string RowsToString(const std::vector<std::vector<ExprPtr>>& rows) {
  std::string out = "VALUES ";
  for (size_t r = 0; r < rows.size(); ++r) {
    if (r > 0) out += ", ";
    out += "(";
    for (size_t i = 0; i < rows[r].size(); ++i) {
      if (i > 0) out += ", ";
      out += rows[r][i]->ToString();
    }
    out += ")";
  }
  return out;
}

}  // namespace

std::string TableAlias::ToString() const {
  if (name.empty()) return "";
  std::string out = " AS " + QuoteIdentifier(name);
  if (!columns.empty()) out += "(" + JoinNames(columns) + ")";
  return out;
}

std::string TableRelation::ToString() const {
  std::string out = streaming ? "STREAM(" + QuoteName(name) + ")" : QuoteName(name);
  return out + alias.ToString();
}

std::string FileRelation::ToString() const {
  return QuoteIdentifier(format) + "." + QuoteIdentifier(path) + alias.ToString();
}

std::string SubqueryRelation::ToString() const {
  return "(" + query->ToString() + ")" + alias.ToString();
}

std::string ValuesRelation::ToString() const { return "(" + RowsToString(rows) + ")" + alias.ToString(); }

std::string TableFunctionRelation::ToString() const {
  std::string out = QuoteName(name) + "(";
  for (size_t i = 0; i < args.size(); ++i) {
    if (i > 0) out += ", ";
    out += args[i]->ToString();
  }
  return out + ")" + alias.ToString();
}

const char* JoinTypeName(JoinType type) {
  switch (type) {
    case JoinType::kInner: return "JOIN";
    case JoinType::kLeft: return "LEFT JOIN";
    case JoinType::kRight: return "RIGHT JOIN";
    case JoinType::kFull: return "FULL JOIN";
    case JoinType::kLeftSemi: return "LEFT SEMI JOIN";
    case JoinType::kLeftAnti: return "LEFT ANTI JOIN";
    case JoinType::kCross: return "CROSS JOIN";
  }
  return "?";
}

std::string JoinRelation::ToString() const {
  std::string out =
      "(" + left->ToString() + " " + JoinTypeName(type) + " " + right->ToString();
  if (on) out += " ON " + on->ToString();
  if (!using_columns.empty()) out += " USING (" + JoinNames(using_columns) + ")";
  return out + ")";
}

std::string WatermarkRelation::ToString() const {
  std::string out = input->ToString() + " WATERMARK " + event_time->ToString();
  if (!event_time_alias.empty()) out += " AS " + QuoteIdentifier(event_time_alias);
  return out + " DELAY OF " + delay->ToString() + alias.ToString();
}

std::string LateralView::ToString() const {
  std::string out = std::string("LATERAL VIEW ") + (outer ? "OUTER " : "") + generator->ToString() +
                    " " + QuoteIdentifier(table_alias);
  if (!column_aliases.empty()) out += " AS " + JoinNames(column_aliases);
  return out;
}

std::string SelectItem::ToString() const {
  std::string out = expr->ToString();
  if (!alias.empty()) out += " AS " + QuoteIdentifier(alias);
  if (!aliases.empty()) out += " AS (" + JoinNames(aliases) + ")";
  return out;
}

std::string SortItem::ToString() const {
  return expr->ToString() + (ascending ? " ASC" : " DESC") +
         (nulls_first ? " NULLS FIRST" : " NULLS LAST");
}

std::string SelectTerm::ToString() const {
  std::string out = distinct ? "SELECT DISTINCT " : "SELECT ";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ", ";
    out += items[i].ToString();
  }
  for (size_t i = 0; i < from.size(); ++i) out += (i == 0 ? " FROM " : ", ") + from[i]->ToString();
  for (const LateralView& view : lateral_views) out += " " + view.ToString();
  if (where) out += " WHERE " + where->ToString();
  if (group_by_all) out += " GROUP BY ALL";
  for (size_t i = 0; i < group_by.size(); ++i) {
    out += (i == 0 ? " GROUP BY " : ", ") + group_by[i]->ToString();
  }
  if (having) out += " HAVING " + having->ToString();
  return out;
}

std::string ValuesTerm::ToString() const { return RowsToString(rows); }

std::string SetOperationTerm::ToString() const {
  const char* name = op == SetOp::kUnion ? "UNION" : op == SetOp::kIntersect ? "INTERSECT" : "EXCEPT";
  return "(" + left->ToString() + ") " + name + (all ? " ALL" : "") + " (" + right->ToString() + ")";
}

std::string NestedTerm::ToString() const { return "(" + query->ToString() + ")"; }

std::string Query::ToString() const {
  std::string out;
  for (size_t i = 0; i < ctes.size(); ++i) {
    out += i == 0 ? "WITH " : ", ";
    out += QuoteIdentifier(ctes[i].name);
    if (!ctes[i].columns.empty()) out += "(" + JoinNames(ctes[i].columns) + ")";
    out += " AS (" + ctes[i].query->ToString() + ")";
  }
  if (!ctes.empty()) out += " ";
  out += body->ToString();
  for (size_t i = 0; i < order_by.size(); ++i) {
    out += (i == 0 ? " ORDER BY " : ", ") + order_by[i].ToString();
  }
  if (limit) out += " LIMIT " + limit->ToString();
  if (offset) out += " OFFSET " + offset->ToString();
  return out;
}

}  // namespace runnel::sql
