/* Preloaded by `packaging/dev.sh sanitize`: libraries stay loaded until the
 * process ends. SDL loads the Mesa GL driver for its offscreen video and
 * unloads it again at SDL_Quit; the driver's own allocations, still held by
 * its globals, then look leaked to LeakSanitizer, which can no longer even
 * name the library. Kept loaded, they stay reachable and real leaks stand out. */
int dlclose(void *handle) {
    (void)handle;
    return 0;
}
