// FROM: tables, views and CTEs by name, files, subqueries, VALUES, table functions, joins.
#include "base/spelling.h"
#include "expr/binder.h"
#include "expr/evaluator.h"
#include "function/coercion.h"
#include "function/scalar/window_duration.h"
#include "sql/binder.h"
#include "sql/expr_converter.h"

namespace runnel::sql {

using EP = expr::ExprPtr;
using plan::PlanPtr;

namespace {

plan::JoinType PlanJoinType(JoinType type, bool has_condition) {
  switch (type) {
    case JoinType::kInner: return plan::JoinType::kInner;
    case JoinType::kLeft: return plan::JoinType::kLeftOuter;
    case JoinType::kRight: return plan::JoinType::kRightOuter;
    case JoinType::kFull: return plan::JoinType::kFullOuter;
    case JoinType::kLeftSemi: return plan::JoinType::kLeftSemi;
    case JoinType::kLeftAnti: return plan::JoinType::kLeftAnti;
    case JoinType::kCross: return has_condition ? plan::JoinType::kInner : plan::JoinType::kCross;
  }
  return plan::JoinType::kInner;
}

}  // namespace

namespace {
Result<PlanPtr> ApplyAlias(const Binder& binder, PlanPtr plan, const TableAlias& alias) {
  if (!alias.columns.empty()) {
    RUNNEL_ASSIGN_OR_RAISE(plan, binder.RenameColumns(plan, alias.columns, "The alias " + alias.name));
  }
  if (!alias.name.empty()) plan = plan::SubqueryAlias(plan, alias.name);
  return plan;
}
}  // namespace

Result<PlanPtr> Binder::BindRelation(const Relation& relation) const {
  switch (relation.kind()) {
    case RelationKind::kTable: return BindTable(relation.As<TableRelation>());
    case RelationKind::kFile: {
      const auto& f = relation.As<FileRelation>();
      if (!context_->file) return Status::NotSupported("File relations are not available here: " + f.ToString());
      RUNNEL_ASSIGN_OR_RAISE(PlanPtr p, context_->file(base::ToLower(f.format), f.path));
      return ApplyAlias(*this, p, f.alias);
    }
    case RelationKind::kSubquery: {
      const auto& s = relation.As<SubqueryRelation>();
      RUNNEL_ASSIGN_OR_RAISE(PlanPtr p, BindQuery(*s.query));
      return ApplyAlias(*this, p, s.alias);
    }
    case RelationKind::kValues: {
      const auto& v = relation.As<ValuesRelation>();
      return BindValues(v.rows, v.alias);
    }
    case RelationKind::kTableFunction: {
      const auto& t = relation.As<TableFunctionRelation>();
      std::string name = base::JoinStrings(t.name, ".");
      if (!context_->table_function) {
        return Status::NotSupported("Table function " + name + "() is not available here");
      }
      std::vector<type::Value> args;
      for (const auto& a : t.args) {
        RUNNEL_ASSIGN_OR_RAISE(type::Value v, EvaluateConstant(*a));
        args.push_back(std::move(v));
      }
      RUNNEL_ASSIGN_OR_RAISE(PlanPtr p, context_->table_function(base::ToLower(name), args));
      return ApplyAlias(*this, p, t.alias);
    }
    case RelationKind::kJoin: return BindJoin(relation.As<JoinRelation>());
    case RelationKind::kWatermark: return BindWatermark(relation.As<WatermarkRelation>());
  }
  return Status::Internal("unknown relation kind");
}

Result<PlanPtr> Binder::BindWatermark(const WatermarkRelation& watermark) const {
  RUNNEL_ASSIGN_OR_RAISE(PlanPtr input, BindRelation(*watermark.input));
  RUNNEL_ASSIGN_OR_RAISE(type::Value delay, EvaluateConstant(*watermark.delay));
  RUNNEL_ASSIGN_OR_RAISE(int64_t micros, function::WindowDurationMicros(delay, "The watermark delay"));
  RUNNEL_ASSIGN_OR_RAISE(expr::ExprPtr event_time, ConvertExpr(*watermark.event_time));
  if (!watermark.event_time_alias.empty()) {
    // WATERMARK expr AS name: the computed event time becomes a column of the relation.
    input = plan::Project(input, {expr::Star(), expr::Alias(event_time, watermark.event_time_alias)});
    event_time = expr::Column(watermark.event_time_alias);
  }
  return ApplyAlias(*this, plan::EventTimeWatermark(input, event_time, micros), watermark.alias);
}

Result<PlanPtr> Binder::BindTable(const TableRelation& table) const {
  PlanPtr p;
  if (table.streaming) {
    if (!context_->relation) return Status::NotSupported("STREAM(" + QuoteName(table.name) + ") is not available here");
    RUNNEL_ASSIGN_OR_RAISE(p, context_->relation(table.name, true));
    return ApplyAlias(*this, p, table.alias);
  }
  if (table.name.size() == 1) {
    auto it = ctes_.find(base::ToLower(table.name[0]));
    if (it != ctes_.end()) p = it->second;
  }
  if (!p) {
    if (!context_->relation) return Status::Analysis("Table or view '" + QuoteName(table.name) + "' not found.");
    RUNNEL_ASSIGN_OR_RAISE(p, context_->relation(table.name, false));
  }
  return ApplyAlias(*this, p, table.alias);
}

Result<PlanPtr> Binder::BindJoin(const JoinRelation& join) const {
  RUNNEL_ASSIGN_OR_RAISE(PlanPtr left, BindRelation(*join.left));
  RUNNEL_ASSIGN_OR_RAISE(PlanPtr right, BindRelation(*join.right));
  EP condition;
  if (join.on) {
    RUNNEL_ASSIGN_OR_RAISE(condition, ConvertExpr(*join.on));
  }
  return plan::Join(left, right, PlanJoinType(join.type, condition || !join.using_columns.empty()), condition,
                    join.using_columns);
}

Result<PlanPtr> Binder::BindFrom(const SelectTerm& select) const {
  PlanPtr plan;
  if (select.from.empty()) {
    // SELECT without FROM reads one row of no columns.
    auto schema = std::make_shared<type::Schema>();
    plan = plan::Values(schema, {vector::Batch::FromRows(schema, {{}})});
  }
  for (const auto& relation : select.from) {
    RUNNEL_ASSIGN_OR_RAISE(PlanPtr p, BindRelation(*relation));
    plan = plan ? plan::Join(plan, p, plan::JoinType::kCross, nullptr) : p;
  }
  for (const auto& view : select.lateral_views) {
    RUNNEL_ASSIGN_OR_RAISE(plan, BindLateralView(plan, view));
  }
  return plan;
}

Result<PlanPtr> Binder::BindLateralView(PlanPtr input, const LateralView& view) const {
  RUNNEL_ASSIGN_OR_RAISE(EP generator, ConvertExpr(*view.generator));
  if (generator->kind != expr::ExprKind::kCall || !context_->registry->FindGenerator(generator->name)) {
    return Status::Analysis("LATERAL VIEW needs a generator function such as explode(), got " +
                            view.generator->ToString() + " " + PositionText(view.position));
  }
  if (view.outer && generator->name.find("_outer") == std::string::npos) {
    generator = expr::Call(generator->name + "_outer", generator->children);
  }
  // As df.select(*, explode(x) AS c): the generator in a projection becomes a Generate node.
  if (view.column_aliases.size() <= 1) {
    EP item = view.column_aliases.empty() ? generator : expr::Alias(generator, view.column_aliases[0]);
    return plan::Project(input, {expr::Star(), item});
  }
  RUNNEL_ASSIGN_OR_RAISE(PlanPtr generated, Analyze(plan::Project(input, {expr::Star(), generator})));
  const type::Schema& schema = *generated->schema;
  int first = schema.num_fields() - static_cast<int>(view.column_aliases.size());
  if (first < 0) return Status::Analysis("LATERAL VIEW gives more aliases than " + generator->name + "() has columns");
  RUNNEL_ASSIGN_OR_RAISE(PlanPtr resolved_input, Analyze(input));
  if (first != resolved_input->schema->num_fields()) {
    return Status::Analysis("LATERAL VIEW " + generator->name + "() produces " +
                            std::to_string(schema.num_fields() - resolved_input->schema->num_fields()) +
                            " columns but " + std::to_string(view.column_aliases.size()) + " aliases were given");
  }
  std::vector<EP> exprs;
  for (int i = 0; i < schema.num_fields(); ++i) {
    EP c = expr::BoundColumn(i, schema.field(i).type, schema.field(i).name);
    exprs.push_back(i < first ? c : expr::Alias(c, view.column_aliases[i - first]));
  }
  return plan::Project(generated, std::move(exprs));
}

Result<PlanPtr> Binder::BindValues(const std::vector<std::vector<ExprPtr>>& rows, const TableAlias& alias) const {
  if (rows.empty()) return Status::Analysis("VALUES needs at least one row");
  size_t width = rows[0].size();
  std::vector<std::vector<type::Value>> values;
  for (const auto& row : rows) {
    if (row.size() != width) {
      return Status::Analysis("VALUES rows must all have " + std::to_string(width) + " values, got " +
                              std::to_string(row.size()) + " " + PositionText(row.empty() ? SourcePosition{} : row[0]->position()));
    }
    std::vector<type::Value> out;
    for (const auto& e : row) {
      RUNNEL_ASSIGN_OR_RAISE(type::Value v, EvaluateConstant(*e));
      out.push_back(std::move(v));
    }
    values.push_back(std::move(out));
  }
  std::vector<type::Field> fields;
  for (size_t c = 0; c < width; ++c) {
    std::vector<type::DataTypePtr> types;
    for (const auto& row : values) types.push_back(row[c].type());
    type::DataTypePtr common = function::CommonType(types);
    if (!common) {
      return Status::Analysis("VALUES column " + std::to_string(c + 1) + " mixes types that have no common type");
    }
    std::string name = c < alias.columns.size() ? alias.columns[c] : "col" + std::to_string(c + 1);
    fields.push_back({name, common, true});
    for (auto& row : values) {
      if (type::TypesEqual(row[c].type(), common)) continue;
      RUNNEL_ASSIGN_OR_RAISE(EP cast, expr::ExprBinder::CastTo(expr::Literal(row[c]), common));
      RUNNEL_ASSIGN_OR_RAISE(row[c], expr::EvaluateConstant(*cast, function::KernelContext{}));
    }
  }
  if (!alias.columns.empty() && alias.columns.size() != width) {
    return Status::Analysis("The alias " + alias.name + " names " + std::to_string(alias.columns.size()) +
                            " columns but VALUES has " + std::to_string(width));
  }
  auto schema = std::make_shared<type::Schema>(std::move(fields));
  PlanPtr p = plan::Values(schema, {vector::Batch::FromRows(schema, values)});
  if (!alias.name.empty()) p = plan::SubqueryAlias(p, alias.name);
  return p;
}

}  // namespace runnel::sql
