#pragma once
// The figures tab: the KPI report for the chosen period and the 30-day trend.
#include <optional>

#include "client/client.h"

namespace gastvrij::desk {

class ReportModel {
public:
    enum class Span { Today, Week, Month };

    // Kept only when `span` is still the chosen one: the receptionist may have
    // chosen another period while this one was on its way.
    void set(Span span, ReportView r) {
        if (span == span_) figures_ = std::move(r);
    }
    const std::optional<ReportView>& figures() const { return figures_; }
    Span span() const { return span_; }
    void choose_span(Span s) { span_ = s; }
    // The last 30 days, for the line of visitors per day.
    void set_trend(ReportView r) { trend_ = std::move(r); }
    const std::optional<ReportView>& trend() const { return trend_; }

private:
    std::optional<ReportView> figures_, trend_;
    Span span_ = Span::Today;
};

}  // namespace gastvrij::desk
