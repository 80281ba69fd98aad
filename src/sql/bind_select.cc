// SELECT: FROM, WHERE, the select list, GROUP BY, HAVING, DISTINCT and the query's ORDER BY.
// An aggregation with HAVING or ORDER BY computes what those need as hidden outputs of the
// Aggregate (so they may use aggregates the select list does not show), filters and sorts on
// them, then projects them away, as Spark does.
#include <set>

#include "base/spelling.h"
#include "plan/analyzer.h"
#include "sql/binder.h"
#include "sql/expr_converter.h"

namespace runnel::sql {

using EP = expr::ExprPtr;
using plan::PlanPtr;

namespace {

constexpr char kHaving[] = "__runnel_having";

std::string OutputColumn(size_t i) { return "__runnel_out" + std::to_string(i); }
std::string SortColumn(size_t i) { return "__runnel_sort" + std::to_string(i); }

const EP& StripAlias(const EP& e) { return e->kind == expr::ExprKind::kAlias ? e->children[0] : e; }

struct SelectList {
  std::vector<EP> outputs;               // converted items, aliased as written
  std::map<std::string, EP> aliases;     // lower-case alias -> its expression
};

Result<SelectList> ConvertSelectList(const SelectTerm& select) {
  SelectList list;
  for (const auto& item : select.items) {
    if (!item.aliases.empty()) {
      return Status::NotSupported("A multi-name alias AS (" + base::JoinStrings(item.aliases, ", ") +
                                  ") is not supported yet " + PositionText(item.expr->position()) +
                                  "; use LATERAL VIEW with column aliases");
    }
    RUNNEL_ASSIGN_OR_RAISE(EP e, ConvertSelectItem(item));
    if (!item.alias.empty()) list.aliases[base::ToLower(item.alias)] = StripAlias(e);
    list.outputs.push_back(std::move(e));
  }
  return list;
}

// Replaces one-part column references that name a select-list alias by the aliased expression,
// except names in `keep` (input columns, which win in GROUP BY).
EP SubstituteAliases(const EP& e, const std::map<std::string, EP>& aliases,
                          const std::set<std::string>& keep) {
  if (aliases.empty()) return e;
  return expr::Transform(e, [&](const EP& n) -> EP {
    if (n->kind != expr::ExprKind::kColumn || n->name_parts.size() != 1) return n;
    std::string name = base::ToLower(n->name_parts[0]);
    if (keep.count(name)) return n;
    auto it = aliases.find(name);
    return it == aliases.end() ? n : it->second;
  });
}

}  // namespace

Result<PlanPtr> Binder::BindSelect(const SelectTerm& select, const std::vector<SortItem>& order_by) const {
  RUNNEL_ASSIGN_OR_RAISE(PlanPtr input, BindFrom(select));
  if (select.where) {
    RUNNEL_ASSIGN_OR_RAISE(EP condition, ConvertExpr(*select.where));
    input = plan::Filter(input, condition);
  }
  RUNNEL_ASSIGN_OR_RAISE(SelectList list, ConvertSelectList(select));
  const function::FunctionRegistry& registry = *context_->registry;
  bool aggregating = !select.group_by.empty() || select.group_by_all || select.having;
  for (const auto& e : list.outputs) aggregating |= plan::ContainsAggregate(e, registry);

  if (!aggregating) {
    PlanPtr plan = plan::Project(input, list.outputs);
    if (select.distinct) plan = plan::Distinct(plan);
    if (!order_by.empty()) {
      // The analyzer resolves keys against the select list first, then the projection's input.
      RUNNEL_ASSIGN_OR_RAISE(std::vector<EP> keys, SortKeys(plan, order_by));
      plan = plan::Sort(plan, std::move(keys));
    }
    return plan;
  }

  // GROUP BY: ordinals and select aliases (an input column of the same name wins, as in Spark).
  std::vector<EP> groups;
  std::set<std::string> input_names;
  if (!list.aliases.empty() && !select.group_by.empty()) {
    RUNNEL_ASSIGN_OR_RAISE(PlanPtr resolved, Analyze(input));
    for (const auto& n : resolved->schema->names()) input_names.insert(base::ToLower(n));
  }
  if (select.group_by_all) {
    for (const auto& e : list.outputs) {
      if (!plan::ContainsAggregate(e, registry)) groups.push_back(StripAlias(e));
    }
  }
  for (const auto& g : select.group_by) {
    if (int64_t ordinal = OrdinalOf(*g); ordinal != 0) {
      if (ordinal < 1 || ordinal > static_cast<int64_t>(list.outputs.size())) {
        return Status::Analysis("GROUP BY position " + std::to_string(ordinal) +
                                " is not in the select list (valid range is [1, " + std::to_string(list.outputs.size()) +
                                "]) " + PositionText(g->position()));
      }
      const EP& item = StripAlias(list.outputs[ordinal - 1]);
      if (plan::ContainsAggregate(item, registry)) {
        return Status::Analysis("GROUP BY position " + std::to_string(ordinal) + " refers to an aggregate, " +
                                item->ToString() + ", which cannot be grouped by " + PositionText(g->position()));
      }
      groups.push_back(item);
      continue;
    }
    RUNNEL_ASSIGN_OR_RAISE(EP converted, ConvertExpr(*g));
    groups.push_back(SubstituteAliases(converted, list.aliases, input_names));
  }

  if (!select.having && order_by.empty()) {
    PlanPtr plan = plan::Aggregate(input, groups, list.outputs);
    return select.distinct ? plan::Distinct(plan) : plan;
  }

  // Hidden outputs: every select item under a private name, then HAVING and sort expressions.
  std::vector<EP> outputs;
  for (size_t i = 0; i < list.outputs.size(); ++i) {
    outputs.push_back(expr::Alias(StripAlias(list.outputs[i]), OutputColumn(i)));
  }
  const std::set<std::string> no_keep;
  if (select.having) {
    RUNNEL_ASSIGN_OR_RAISE(EP having, ConvertExpr(*select.having));
    outputs.push_back(expr::Alias(SubstituteAliases(having, list.aliases, no_keep), kHaving));
  }
  std::vector<EP> keys;
  for (const auto& item : order_by) {
    EP column;
    if (int64_t ordinal = OrdinalOf(*item.expr); ordinal != 0) {
      if (ordinal < 1 || ordinal > static_cast<int64_t>(list.outputs.size())) {
        return Status::Analysis("ORDER BY position " + std::to_string(ordinal) +
                                " is not in the select list (valid range is [1, " + std::to_string(list.outputs.size()) +
                                "]) " + PositionText(item.expr->position()));
      }
      column = expr::Column(OutputColumn(ordinal - 1));
    } else {
      RUNNEL_ASSIGN_OR_RAISE(EP key, ConvertExpr(*item.expr));
      // A select-list name (alias or column) means that output.
      if (key->kind == expr::ExprKind::kColumn && key->name_parts.size() == 1) {
        for (size_t i = 0; i < list.outputs.size() && !column; ++i) {
          if (base::EqualsIgnoreCase(expr::OutputName(*list.outputs[i]), key->name_parts[0])) {
            column = expr::Column(OutputColumn(i));
          }
        }
      }
      if (!column) {
        std::string name = SortColumn(keys.size());
        outputs.push_back(expr::Alias(SubstituteAliases(key, list.aliases, no_keep), name));
        column = expr::Column(name);
      }
    }
    keys.push_back(expr::SortKey(column, item.ascending, item.nulls_first));
  }
  PlanPtr plan = plan::Aggregate(input, groups, outputs);
  if (select.having) plan = plan::Filter(plan, expr::Column(kHaving));
  if (!keys.empty() && !select.distinct) plan = plan::Sort(plan, keys);
  std::vector<EP> visible;
  for (size_t i = 0; i < list.outputs.size(); ++i) {
    visible.push_back(expr::Alias(expr::Column(OutputColumn(i)), expr::OutputName(*list.outputs[i])));
  }
  plan = plan::Project(plan, visible);
  if (select.distinct) {
    plan = plan::Distinct(plan);
    if (!order_by.empty()) {
      RUNNEL_ASSIGN_OR_RAISE(std::vector<EP> distinct_keys, SortKeys(plan, order_by));
      plan = plan::Sort(plan, std::move(distinct_keys));
    }
  }
  return plan;
}

}  // namespace runnel::sql
