// Everything a Runnel user needs: #include "runnel/runnel.h".
#pragma once

#include "runnel/column.h"
#include "runnel/data_stream.h"
#include "runnel/dataframe.h"
#include "runnel/dataframe_writer.h"
#include "runnel/functions.h"
#include "runnel/memory_stream.h"
#include "runnel/row.h"
#include "runnel/schema.h"
#include "runnel/session.h"
#include "runnel/status.h"
#include "runnel/streaming_query.h"
#include "runnel/value.h"
