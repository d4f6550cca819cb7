package com.enrollflow.reference;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/campuses")
class CampusController {

    private final CampusRepository campuses;

    CampusController(CampusRepository campuses) {
        this.campuses = campuses;
    }

    /** Active campuses: code and name, for forms and integrations. */
    @GetMapping
    List<Campus> list() {
        return campuses.findActive();
    }
}
