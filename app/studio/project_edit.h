// One undoable edit of the project's settings. Edits that follow each other within a second
// (typing a number key by key) merge into one step.
#pragma once

#include <QElapsedTimer>
#include <QUndoCommand>
#include <functional>

#include "engine/project/project.h"

namespace secateur::studio {

class ProjectEdit : public QUndoCommand {
public:
    using Apply = std::function<void(const Project&)>;
    // `after` is already applied when the edit is pushed; undo applies `before`.
    ProjectEdit(Project before, Project after, Apply apply);

    void undo() override;
    void redo() override;
    int id() const override { return 1; }
    bool mergeWith(const QUndoCommand* other) override;

private:
    Project before_, after_;
    Apply apply_;
    QElapsedTimer age_;
    bool applied_ = true;
};

}  // namespace secateur::studio
