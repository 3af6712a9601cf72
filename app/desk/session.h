#pragma once
// The companion's action layer: one ServiceClient, its event listener and a
// worker queue for the calls. Every action is made off the UI thread; its
// result (or the error in plain words) is applied to the DeskModel on the UI
// thread in pump(). The views call these functions and read model(); the tests
// drive the very same functions.
#include <functional>
#include <memory>
#include <string>

#include "desk/desk_model.h"
#include "ui/task_queue.h"
#include "client/client.h"

namespace gastvrij::desk {

struct SessionOptions {
    std::string server;       // "https://kiosk.local:8470"; "" = not known yet (pair with a link)
    std::string token;        // "" = not paired yet
    std::string token_file;   // where a pairing's token is kept; "" = nowhere
    std::string device_name = "Balie";
    ClientOptions client;
};

class DeskSession {
public:
    // `wake` is called from other threads when something came back
    // (Window::wake); `wall` is the desk's clock (tests pass their own).
    DeskSession(SessionOptions options, std::function<void()> wake, std::function<double()> wall = {});
    ~DeskSession();
    DeskSession(const DeskSession&) = delete;
    DeskSession& operator=(const DeskSession&) = delete;

    // Starts listening (or shows the pairing screen when there is no token).
    void start();
    // UI thread, every frame: applies what came back and looks at the clocks.
    // Returns true when anything changed.
    bool pump();

    DeskModel& model() { return model_; }
    const DeskModel& model() const { return model_; }
    int busy() const { return queue_.busy(); }
    const std::string& server() const { return options_.server; }

    // ---- actions; `done(ok)` runs on the UI thread afterwards ----
    using Done = std::function<void(bool ok)>;
    void check_in(const std::string& topic, const std::string& host, const std::string& name, Done done = {});
    void acknowledge(VisitId id, int minutes, Done done = {});
    void start_visit(VisitId id, Done done = {});
    void finish(VisitId id, Done done = {});
    void reassign(VisitId id, const std::string& host, Done done = {});
    void cancel(VisitId id, bool visitor_left, Done done = {});
    void set_presence(const std::string& staff_id, Presence p, Done done = {});
    void load_dead_letters();
    void retry_dead_letter(std::int64_t message_id, Done done = {});
    void create_pairing(DeviceKind kind, const std::string& staff_id, Done done = {});
    // The paired devices (no event tells of a new one: on the tab, with
    // "Vernieuwen" and after a withdrawal).
    void load_devices();
    // Withdraws a device's token (its open event stream closes too), then
    // lists the devices afresh.
    void revoke_device(std::int64_t id, Done done = {});
    // Callback requests: the kiosk writes them straight into the store, so the
    // desk asks for the list (on the tab, with reload(), and every minute);
    // a change by a desk arrives as a "callback" event.
    void load_callbacks();
    void set_callback_state(std::int64_t id, CallbackState state, Done done = {});
    // The report for the span the model has chosen, and the 30-day trend.
    void load_report();
    // Redeems a code for this desk, keeps the token and connects with it.
    // `code_or_link` may be the whole pairing link (…/desk#pair=CODE&fp=…):
    // its service and certificate fingerprint then replace the ones known.
    void pair(const std::string& code_or_link, Done done = {});
    // Visits, presence, directory and dead letters afresh.
    void reload();

private:
    using Job = std::function<ui::TaskQueue::Continuation(ServiceClient&)>;
    void call(const std::string& doing, Job job, Done done);
    void visit_call(const std::string& doing, std::function<VisitView(ServiceClient&)> f,
                    std::function<std::string(const VisitView&)> told, Done done);
    void connect(const std::string& token);
    std::string who(VisitId id) const;  // "(Ayşe)" for error words
    ServiceClient::Listener listener();

    SessionOptions options_;
    DeskModel model_;
    ui::TaskQueue queue_;
    std::shared_ptr<ServiceClient> client_;
    double callbacks_asked_at_ = 0;  // desk wall-clock seconds
};

}  // namespace gastvrij::desk
