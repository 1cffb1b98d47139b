#include "app/studio/project_edit.h"

namespace secateur::studio {

ProjectEdit::ProjectEdit(Project before, Project after, Apply apply)
    : before_(std::move(before)), after_(std::move(after)), apply_(std::move(apply)) {
    setText(QObject::tr("edit of the project settings"));
    age_.start();
}

void ProjectEdit::undo() {
    apply_(before_);
    applied_ = false;
}

void ProjectEdit::redo() {
    if (!applied_) apply_(after_);
    applied_ = true;
}

bool ProjectEdit::mergeWith(const QUndoCommand* other) {
    const auto* next = dynamic_cast<const ProjectEdit*>(other);
    if (!next || age_.elapsed() > 1000) return false;
    after_ = next->after_;
    age_.restart();
    return true;
}

}  // namespace secateur::studio
