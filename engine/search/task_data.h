// Private header: the batch sources of a task.
#pragma once

#include "engine/data/batch_source.h"
#include "engine/search/task.h"

namespace secateur {

class TaskData {
public:
    SharedSource train, validation;
    SharedSource test;  // may be empty
};

}  // namespace secateur
