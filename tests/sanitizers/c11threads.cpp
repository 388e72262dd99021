// Linked into every program of a ThreadSanitizer build (KAFKADESK_SANITIZE=
// thread) and into no other.
//
// Debian's librdkafka runs its threads and locks with C11 <threads.h>
// (thrd_create, mtx_lock, cnd_wait, ...). GCC 12's ThreadSanitizer
// intercepts the pthread functions but not these, although glibc builds
// them on the same pthread objects: the threads librdkafka starts were
// unknown to it (its first allocation in one crashed the program), and its
// locks invisible. These definitions, found before glibc's, route each C11
// call to its pthread twin, which TSan sees. glibc's own thrd_t, mtx_t,
// cnd_t and once_flag are those pthread objects, so the two can be mixed.

#include <cerrno>
#include <cstdint>
#include <new>
#include <pthread.h>
#include <threads.h>

namespace {

int fromErrno(int error)
{
    switch (error) {
    case 0:
        return thrd_success;
    case ETIMEDOUT:
        return thrd_timedout;
    case EBUSY:
        return thrd_busy;
    case ENOMEM:
        return thrd_nomem;
    default:
        return thrd_error;
    }
}

struct Start {
    thrd_start_t function;
    void *argument;
};

void *runStart(void *opaque)
{
    const Start start = *static_cast<Start *>(opaque);
    delete static_cast<Start *>(opaque);
    return reinterpret_cast<void *>(static_cast<std::intptr_t>(start.function(start.argument)));
}

} // namespace

extern "C" {

int thrd_create(thrd_t *thread, thrd_start_t function, void *argument)
{
    auto *start = new (std::nothrow) Start{function, argument};
    if (!start)
        return thrd_nomem;
    const int error = pthread_create(thread, nullptr, runStart, start);
    if (error)
        delete start;
    return fromErrno(error);
}

int thrd_join(thrd_t thread, int *result)
{
    void *returned = nullptr;
    const int error = pthread_join(thread, &returned);
    if (!error && result)
        *result = static_cast<int>(reinterpret_cast<std::intptr_t>(returned));
    return fromErrno(error);
}

int thrd_detach(thrd_t thread)
{
    return fromErrno(pthread_detach(thread));
}

int mtx_init(mtx_t *mutex, int type)
{
    pthread_mutexattr_t attributes;
    pthread_mutexattr_init(&attributes);
    if (type & mtx_recursive)
        pthread_mutexattr_settype(&attributes, PTHREAD_MUTEX_RECURSIVE);
    const int error = pthread_mutex_init(reinterpret_cast<pthread_mutex_t *>(mutex), &attributes);
    pthread_mutexattr_destroy(&attributes);
    return fromErrno(error);
}

void mtx_destroy(mtx_t *mutex)
{
    pthread_mutex_destroy(reinterpret_cast<pthread_mutex_t *>(mutex));
}

int mtx_lock(mtx_t *mutex)
{
    return fromErrno(pthread_mutex_lock(reinterpret_cast<pthread_mutex_t *>(mutex)));
}

int mtx_trylock(mtx_t *mutex)
{
    return fromErrno(pthread_mutex_trylock(reinterpret_cast<pthread_mutex_t *>(mutex)));
}

int mtx_timedlock(mtx_t *__restrict mutex, const struct timespec *__restrict until)
{
    return fromErrno(pthread_mutex_timedlock(reinterpret_cast<pthread_mutex_t *>(mutex), until));
}

int mtx_unlock(mtx_t *mutex)
{
    return fromErrno(pthread_mutex_unlock(reinterpret_cast<pthread_mutex_t *>(mutex)));
}

int cnd_init(cnd_t *condition)
{
    return fromErrno(pthread_cond_init(reinterpret_cast<pthread_cond_t *>(condition), nullptr));
}

void cnd_destroy(cnd_t *condition)
{
    pthread_cond_destroy(reinterpret_cast<pthread_cond_t *>(condition));
}

int cnd_signal(cnd_t *condition)
{
    return fromErrno(pthread_cond_signal(reinterpret_cast<pthread_cond_t *>(condition)));
}

int cnd_broadcast(cnd_t *condition)
{
    return fromErrno(pthread_cond_broadcast(reinterpret_cast<pthread_cond_t *>(condition)));
}

int cnd_wait(cnd_t *condition, mtx_t *mutex)
{
    return fromErrno(pthread_cond_wait(reinterpret_cast<pthread_cond_t *>(condition),
                                       reinterpret_cast<pthread_mutex_t *>(mutex)));
}

int cnd_timedwait(cnd_t *__restrict condition, mtx_t *__restrict mutex, const struct timespec *__restrict until)
{
    return fromErrno(pthread_cond_timedwait(reinterpret_cast<pthread_cond_t *>(condition),
                                            reinterpret_cast<pthread_mutex_t *>(mutex), until));
}

void call_once(once_flag *flag, void (*function)(void))
{
    pthread_once(reinterpret_cast<pthread_once_t *>(flag), function);
}

} // extern "C"
